"""Evaluate computable rules on facts: quantities, rankings, streaks, event constraints and
procedures. Each finding cites its provision and shows its computation::

    武邑 一(一)4: special funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%

Rules come from ``kind: rules`` documents (see :class:`~responsibility.policy.model.RuleSet`); facts
from :mod:`responsibility.computable.facts`. :func:`evaluate` is the one entry point the checker calls.

Policies decided here (and documented in ``docs/computable.md``):

* A rule applies to rows about places inside its regulation's jurisdiction (place ids nest by
  dots: ``cn.shanxi.xinzhou.kelan`` is inside ``cn.shanxi``).
* A condition applies to a row only when the row holds at least one fact the condition reads;
  a fact it needs that is missing (the previous year's figure, say) makes the outcome
  ``unknown``, never ``pass``.
* Ranking: the number entitled is share × number ranked, rounded as the rule says (half-up by
  default); ties at the cut are all inside (``ties: include``) or all outside (``exclude``), so
  the outcome never depends on the order of the rows.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

from responsibility.computable.facts import Facts, Row, StepRecord
from responsibility.core.errors import Location
from responsibility.core.expr import (
    Env,
    Expr,
    ExprError,
    MissingFact,
    Style,
    Value,
    explain,
    fmt_number,
    judge,
    parse,
    truth,
)
from responsibility.policy.labels import CHANGE_LABEL, FACT_LABEL, POST_LABEL, say
from responsibility.policy.model import (
    ActorKind,
    ConditionRule,
    CoverageRule,
    EventRule,
    FactTable,
    Level,
    ProcedureRule,
    RankingRule,
    Regulation,
    Rounding,
    RuleSet,
    Step,
    StreakRule,
    Ties,
)
from responsibility.policy.names import Names
from responsibility.policy.policyset import PolicySet, citations
from responsibility.semantics import role_of, within

AnyRule = ConditionRule | RankingRule | StreakRule | EventRule | ProcedureRule | CoverageRule


class Outcome(StrEnum):
    passed = "pass"
    failed = "fail"
    unknown = "unknown"  # a fact the rule needs is missing, or the computation is undefined
    info = "info"  # an entitlement the facts establish (commended, priority for promotion)


@dataclass(frozen=True, order=True)
class RuleFinding:
    """The result of one rule on one subject (a place and year, a person's move, a case)."""

    rule: str  # REGULATION/RULE
    subject: str  # place id, case id …
    year: int | None
    outcome: Outcome
    message: str  # `武邑 一(一)4: …` — citation and computation
    citation: str  # `武邑 一(一)4`
    provisions: tuple[str, ...]  # REGULATION/PROVISION of every provision the rule computes
    location: Location  # of the fact row

    @property
    def where(self) -> str:
        """`file:line:col` of the fact row, as printed."""
        return str(self.location)

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON and other reporters; every key is always present."""
        return {
            "rule": self.rule,
            "subject": self.subject,
            "year": self.year,
            "outcome": self.outcome.value,
            "message": self.message,
            "citation": self.citation,
            "provisions": list(self.provisions),
            "where": self.where,
        }

    def __str__(self) -> str:
        year = f" {self.year}" if self.year is not None else ""
        return f"{self.outcome.value.upper():7} {self.subject}{year}: {self.message}"


@lru_cache(maxsize=1024)
def compiled(source: str) -> Expr:
    return parse(source)


# -- citations ----------------------------------------------------------------------------------


def citation(reg: Regulation, provision_id: str) -> str:
    """How a provision is cited (see :func:`~responsibility.policy.policyset.citations`)."""
    return citations(reg).get(provision_id, provision_id)


def rule_citation(rs: RuleSet, reg: Regulation, rule: AnyRule) -> str:
    return f"{rs.cite_as} " + "、".join(citation(reg, p) for p in rule.provisions)


# -- places -------------------------------------------------------------------------------------


def _level(ps: PolicySet, row: Row) -> str | None:
    given = row.data.get("level")
    if isinstance(given, str):
        return given
    place = ps.places.get(row.place)
    return place.level.value if place is not None else None


# -- environments -------------------------------------------------------------------------------


class _SeriesEnv(Env):
    """A row's facts, with earlier years of the same place (and unit) for prev() and growth(),
    and the place's poor-county status at the end of the row's year (``poor_county``,
    ``exited``, ``exit_date``: see :class:`_EventEnv`)."""

    def __init__(self, row: Row, series: dict[int, Row], county: Row | None = None) -> None:
        self.row = row
        self.series = series
        self.county = county

    def get(self, name: str) -> Value:
        if name == "year" and self.row.year is not None:
            return Decimal(self.row.year)
        if name in _STATUS and name not in self.row.data and self.row.year is not None:
            return _status(name, self.row.place, self.county, dt.date(self.row.year, 12, 31))
        if name not in self.row.data:
            raise MissingFact(f"{name} ({self.row.year})" if self.row.year else name, name)
        return self.row.data[name]

    def prev(self, name: str, years: int) -> Value:
        year = self.row.year
        earlier = self.series.get(year - years) if year is not None else None
        if earlier is None or name not in earlier.data:
            raise MissingFact(f"{name} ({year - years})" if year is not None else name, name)
        return earlier.data[name]


_STATUS = frozenset({"poor_county", "exited", "exit_date"})


def _status(name: str, place: str, county: Row | None, on: Value | None) -> Value:
    """A place's poor-county status on a date, from its `counties` row.

    ``poor_county``: listed as poor (and listed on or before the date, where the listing date is
    given); ``exited``: exited (摘帽) on or before the date; ``exit_date``: when it exited.
    """
    if county is None:
        raise MissingFact(f"the status of {place} (a `counties` row)")
    c = county.data
    listed, exited = c.get("listed"), c.get("exited")
    date = on if isinstance(on, dt.date) else None
    if name == "exit_date":
        if not isinstance(exited, dt.date):
            raise MissingFact(f"the exit date of {place}")
        return exited
    if name == "exited":
        return isinstance(exited, dt.date) and date is not None and exited <= date
    poor = c.get("poor") is True
    return poor and (not isinstance(listed, dt.date) or date is None or listed <= date)


def _series(rows: Iterable[Row]) -> dict[tuple[str, str], dict[int, Row]]:
    out: dict[tuple[str, str], dict[int, Row]] = defaultdict(dict)
    for row in rows:
        if row.year is not None:
            out[row.key()][row.year] = row
    return out


# -- evaluation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    ps: PolicySet
    rs: RuleSet
    reg: Regulation
    rule: AnyRule
    cite: str
    style: Style

    @property
    def ref(self) -> str:
        return f"{self.rs.regulation}/{self.rule.id}"

    def finding(self, row: Row, outcome: Outcome, text: str, subject: str | None = None) -> RuleFinding:
        return RuleFinding(
            self.ref,
            subject or _subject(row),
            row.year,
            outcome,
            f"{self.cite}: {text}",
            self.cite,
            tuple(f"{self.reg.id}/{p}" for p in self.rule.provisions),
            row.location,
        )


    def unknown(self, row: Row, text: str, subject: str | None = None) -> RuleFinding:
        """An outcome that cannot be told (R002), said with what tells it apart from another of
        the same provision: the place by its name (and the unit), the year, and the rule by its
        summary — two rules of one provision (武邑 一(一)4's share and growth) can miss the same
        fact of the same row — before `text`, which names what is missing (:func:`_missing`)."""
        return self.named(row, Outcome.unknown, text, subject)

    def named(self, row: Row, outcome: Outcome, text: str, subject: str | None = None) -> RuleFinding:
        """A finding that opens with the place by its name (and the unit), the year and the rule
        by its summary, before `text`: every R002, and every finding of an event rule (a
        person's move, :func:`_event`), whose row names a place a reader knows by its name."""
        place = Names(self.ps).place(row.place)
        unit = row.data.get("unit")
        who = f"{place} {unit}" if isinstance(unit, str) else place
        year = f" {row.year}" if row.year is not None else ""
        return self.finding(row, outcome, f"{who}{year}「{self.rule.summary.zh}」: {text}", subject)


def _missing(exc: MissingFact) -> str:
    """A missing fact as an R002 message names it: its Chinese label, where the label table has
    one, before its field and year (县本级专项扶贫投入 special_poverty_funds (2016))."""
    label = FACT_LABEL.get(exc.name or "")
    return f"{label[0]} {exc.what}" if label else exc.what


def _subject(row: Row) -> str:
    unit = row.data.get("unit")
    return f"{row.place} {unit}" if isinstance(unit, str) else row.place


def evaluate(ps: PolicySet, facts: Facts, rules: Iterable[str] | None = None) -> list[RuleFinding]:
    """Every finding of every computable rule (or only of `rules`, by REGULATION/RULE id).

    Findings are sorted, so the same policies and facts always give the same list.
    """
    wanted = set(rules) if rules is not None else None
    out: list[RuleFinding] = []
    for rs in ps.rulesets.values():
        reg = ps.regulation(rs.regulation)
        for rule in rs.rules:
            ref = f"{rs.regulation}/{rule.id}"
            if wanted is not None and ref not in wanted:
                continue
            ctx = _Ctx(
                ps, rs, reg, rule, rule_citation(rs, reg, rule), Style(rule.terms, frozenset(rule.percent))
            )
            out.extend(_evaluate_rule(ctx, facts))
    return sorted(out)


def rule_ids(ps: PolicySet) -> list[str]:
    return [f"{rs.regulation}/{r.id}" for rs in ps.rulesets.values() for r in rs.rules]


def facts_read(ps: PolicySet) -> dict[FactTable, frozenset[str]]:
    """The facts the rules of `ps` read, by table: the names in their expressions, the field a
    ranking records its decision in, and the facts they label. With the fields each table
    declares, the names a facts file may give (:func:`responsibility.computable.facts.read`):
    a county's own rule reading a fact of its own makes that fact known."""
    read: dict[FactTable, set[str]] = defaultdict(set)
    for rs in ps.rulesets.values():
        for rule in rs.rules:
            if isinstance(rule, CoverageRule | ProcedureRule):
                continue  # they read their tables' declared fields only
            names = read[rule.table]
            names.update(rule.terms, rule.percent)
            for source in (getattr(rule, a, None) for a in ("applies", "require", "score", "forbid")):
                if isinstance(source, str):
                    names |= compiled(source).names
            if isinstance(rule, RankingRule) and rule.record:
                names.add(rule.record)
    return {t: frozenset(n) for t, n in read.items()}


def _evaluate_rule(ctx: _Ctx, facts: Facts) -> Iterator[RuleFinding]:
    rule = ctx.rule
    if isinstance(rule, ConditionRule):
        yield from _condition(ctx, rule, facts)
    elif isinstance(rule, RankingRule):
        yield from _ranking(ctx, rule, facts)
    elif isinstance(rule, StreakRule):
        yield from _streak(ctx, rule, facts)
    elif isinstance(rule, EventRule):
        yield from _event(ctx, rule, facts)
    elif isinstance(rule, CoverageRule):
        yield from _coverage(ctx, rule, facts)
    else:
        yield from _procedure(ctx, rule, facts)


def _in_scope(ctx: _Ctx, row: Row, level: Level | None) -> bool:
    if not within(ctx.ps, row.place, ctx.reg.jurisdiction):
        return False
    return level is None or _level(ctx.ps, row) == level.value


def _applies(expr: str | None, env: Env) -> bool | str:
    """A row is in when `applies` holds; a fact `applies` reads that is missing leaves it out.

    A fact `applies` cannot use (text where a number is compared) is the same fault as in
    `require`: the row's outcome is unknown, given as the reason (a str) instead of True/False.
    """
    if expr is None:
        return True
    try:
        return truth(compiled(expr), env)
    except MissingFact:
        return False
    except ExprError as exc:
        return f"cannot tell whether the rule applies: {exc.message}"


@dataclass(frozen=True)
class _Unknown:
    """Why a row's outcome cannot be told: `applies` cannot be read (its own sentence), or what
    `require`/`forbid` needs is missing or unusable (the caller words "cannot tell")."""

    text: str
    of_applies: bool = False


def _verdict(applies: str | None, expr: Expr, env: Env, style: Style) -> tuple[bool, str] | _Unknown | None:
    """One row judged by a condition's `require` or an event's `forbid`: None when the rule does
    not apply to the row, :class:`_Unknown` when it cannot be told, else what :func:`judge` says.
    A fact the expression cannot use leaves the row unknown, as a missing one does."""
    holds = _applies(applies, env)
    if isinstance(holds, str):
        return _Unknown(holds, of_applies=True)
    if not holds:
        return None
    try:
        return judge(expr, env, style)
    except MissingFact as exc:
        return _Unknown(f"{_missing(exc)} is not in the facts")
    except ExprError as exc:
        return _Unknown(exc.message)


def _counties(facts: Facts) -> dict[str, Row]:
    return {r.place: r for r in facts.rows(FactTable.counties)}


def _condition(ctx: _Ctx, rule: ConditionRule, facts: Facts) -> Iterator[RuleFinding]:
    rows = facts.rows(rule.table)
    status = _counties(facts)
    series = _series(rows)
    require = compiled(rule.require)
    for row in rows:
        if not within(ctx.ps, row.place, ctx.reg.jurisdiction) or not require.names & set(row.data):
            continue
        if rule.level is not None and _level(ctx.ps, row) is None:
            hint = f"add level: {rule.level.value} (or the level it has) to the row"
            yield ctx.unknown(row, f"cannot tell: the level of {row.place} is not known; {hint}")
            continue
        if not _in_scope(ctx, row, rule.level):
            continue
        env = _SeriesEnv(row, series.get(row.key(), {}), status.get(row.place))
        verdict = _verdict(rule.applies, require, env, ctx.style)
        if isinstance(verdict, _Unknown):
            text = verdict.text if verdict.of_applies else f"cannot tell: {verdict.text}"
            yield ctx.unknown(row, text)
        elif verdict is not None:
            ok, text = verdict
            yield ctx.finding(row, Outcome.passed if ok else Outcome.failed, text)


# -- rankings -----------------------------------------------------------------------------------

_ROUNDING = {Rounding.half_up: ROUND_HALF_UP, Rounding.down: ROUND_FLOOR, Rounding.up: ROUND_CEILING}


def quota(n: int, share: Decimal, rounding: Rounding) -> int:
    """How many of `n` ranked are entitled: share × n, rounded as the rule says."""
    return int((share * n).quantize(Decimal(1), rounding=_ROUNDING[rounding]))


def standing(scores: list[Decimal]) -> list[tuple[int, int]]:
    """For each score, how many scores beat it and how many others tie with it (O(n log n))."""
    asc = sorted(scores)
    n = len(asc)
    out = []
    for s in scores:
        lo, hi = bisect_left(asc, s), bisect_right(asc, s)
        out.append((n - hi, hi - lo - 1))
    return out


def entitled(scores: list[Decimal], k: int, ties: Ties) -> list[bool]:
    """For each score, whether it is inside the top `k`, ties resolved by policy not by order.

    With ``include`` a score is inside when fewer than `k` scores beat it (so every score tied
    with the k-th is inside); with ``exclude`` when it and all its ties fit in `k`.
    """
    return [
        higher < k if ties is Ties.include else higher + tied + 1 <= k for higher, tied in standing(scores)
    ]


def _ranking(ctx: _Ctx, rule: RankingRule, facts: Facts) -> Iterator[RuleFinding]:
    score_expr = compiled(rule.score)
    share = Decimal(rule.share[:-1]) / 100
    by_year: dict[int, list[tuple[Row, Decimal]]] = defaultdict(list)
    series = _series(facts.rows(rule.table))
    status = _counties(facts)
    for row in facts.rows(rule.table):
        if row.year is None or not _in_scope(ctx, row, rule.level):
            continue
        env = _SeriesEnv(row, series.get(row.key(), {}), status.get(row.place))
        applies = _applies(rule.applies, env)
        if isinstance(applies, str):
            yield ctx.unknown(row, f"not ranked: {applies}")
            continue
        if not applies:
            continue
        try:
            value = _number(score_expr, env)
        except (MissingFact, ExprError) as exc:
            what = _missing(exc) if isinstance(exc, MissingFact) else exc.message
            yield ctx.unknown(row, f"not ranked: {what}")
            continue
        by_year[row.year].append((row, value))
    for year in sorted(by_year):
        ranked = by_year[year]
        scores = [v for _, v in ranked]
        n = len(scores)
        k = quota(n, share, rule.rounding)
        inside = entitled(scores, k, rule.ties)
        policy = f"{rule.rounding.value}, ties {rule.ties.value}"
        basis = f"{rule.share} of {n} = {fmt_number(share * n)} → {k} ({policy})"
        for (row, score), yes, (higher, tie) in zip(ranked, inside, standing(scores), strict=True):
            rank = 1 + higher
            tied = f", tied with {tie}" if tie else ""
            where = f"rank {rank} of {n} (score {fmt_number(score)}{tied}); {basis}"
            recorded = row.data.get(rule.record) if rule.record else None
            if isinstance(recorded, bool):
                if recorded == yes:
                    state = "inside" if yes else "outside"
                    yield ctx.finding(row, Outcome.passed, f"{where}: {state} the top share, as recorded")
                elif recorded:
                    yield ctx.finding(
                        row, Outcome.failed, f"{where}: recorded as {rule.record} but outside the top share"
                    )
                else:
                    yield ctx.finding(
                        row,
                        Outcome.failed,
                        f"{where}: inside the top share but not recorded as {rule.record}",
                    )
            elif yes:
                yield ctx.finding(row, Outcome.info, f"{where}: entitled ({rule.summary.zh})")


def _number(expr: Expr, env: Env) -> Decimal:
    from responsibility.core.expr import evaluate as value_of

    v = value_of(expr, env)
    if isinstance(v, bool) or not isinstance(v, Decimal):
        raise ExprError("the score must be a number", 1, expr.source)
    return v


# -- streaks ------------------------------------------------------------------------------------


def _streak(ctx: _Ctx, rule: StreakRule, facts: Facts) -> Iterator[RuleFinding]:
    require = compiled(rule.require)
    rows = [r for r in facts.rows(rule.table) if r.year is not None and _in_scope(ctx, r, rule.level)]
    series = _series(rows)
    for key in sorted(series):
        years = series[key]
        held: dict[int, bool] = {}
        for year, row in years.items():
            try:
                held[year] = truth(require, _SeriesEnv(row, years))
            except (MissingFact, ExprError):
                held[year] = False
        for year in sorted(years):
            run = [year - i for i in range(rule.years)]
            if all(held.get(y, False) for y in run):
                span = ", ".join(str(y) for y in reversed(run))
                text = explain(require, _SeriesEnv(years[year], years), ctx.style)
                yield ctx.finding(
                    years[year],
                    Outcome.info,
                    f"{rule.years} consecutive years ({span}) with {text} → {rule.entitles.zh}"
                    + (f" ({rule.entitles.en})" if rule.entitles.en else ""),
                )


# -- events -------------------------------------------------------------------------------------


def _event(ctx: _Ctx, rule: EventRule, facts: Facts) -> Iterator[RuleFinding]:
    status = _counties(facts)
    forbid = compiled(rule.forbid)
    for row in facts.rows(rule.table):
        if not within(ctx.ps, row.place, ctx.reg.jurisdiction):
            continue
        env = _EventEnv(row, status.get(row.place))
        move = moved(row)
        subject = f"{row.place} {row.data['person']}"
        verdict = _verdict(rule.applies, forbid, env, ctx.style)
        if isinstance(verdict, _Unknown):
            text = verdict.text if verdict.of_applies else f"cannot tell, {verdict.text}"
            yield ctx.unknown(row, f"{move}: {text}", subject)
            continue
        if verdict is None:
            continue
        breach, text = verdict
        # the county's status is said in words; what else `forbid` reads is shown as computed
        if forbid.names & _STATUS:
            move += "，" + _period(status.get(row.place), row.data.get("date"))
        if not forbid.names <= _STATUS:
            move += f": {text}"
        yield ctx.named(row, Outcome.failed if breach else Outcome.passed, move, subject)


def moved(row: Row) -> str:
    """A change of post as a finding says it: 党委书记王某 2018-03-01 调动 — the post and the
    change in the words of the label table (their codes as written where it has none)."""
    post = say(POST_LABEL, row.data["post"])
    change = say(CHANGE_LABEL, row.data["change"])
    return f"{post}{row.data['person']} {_iso(row.data['date'])} {change}"


def _period(county: Row | None, on: Value | None) -> str:
    """When a move fell, in the words of a county's poor-county status (:func:`_status`): 在贫困县
    未摘帽期间（2019-05-01 摘帽）, 在贫困县摘帽之后 …, with the dates the `counties` row gives."""
    c = county.data if county is not None else {}
    date = on if isinstance(on, dt.date) else None
    listed, exited = c.get("listed"), c.get("exited")
    if county is None or date is None:
        return "贫困县状态不明"
    if c.get("poor") is not True:
        return "时非贫困县"
    if isinstance(listed, dt.date) and date < listed:
        return f"在列为贫困县之前（{_iso(listed)} 列入）"
    if not isinstance(exited, dt.date):
        return "在贫困县未摘帽期间（未记录摘帽日期）"
    if date < exited:
        return f"在贫困县未摘帽期间（{_iso(exited)} 摘帽）"
    return f"在贫困县摘帽{'当日' if date == exited else '之后'}（{_iso(exited)} 摘帽）"


def _iso(v: Value | None) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


class _EventEnv(Env):
    """An event's fields plus the county's status on the event's date (see :func:`_status`)."""

    def __init__(self, row: Row, county: Row | None) -> None:
        self.row = row
        self.county = county

    def get(self, name: str) -> Value:
        if name in _STATUS:
            return _status(name, self.row.place, self.county, self.row.data.get("date"))
        if name not in self.row.data:
            raise MissingFact(name, name)
        return self.row.data[name]


# -- procedures ---------------------------------------------------------------------------------


def actor_matches(ps: PolicySet, taken_by: Iterable[str], wanted: str) -> bool:
    """Whether the bodies recorded on a step include `wanted`.

    A body matches itself, a concrete body matches its role (麻江县委 → county.party-committee),
    and a composite (村两委) is present when it is named or all of its members are.
    """
    got = set(taken_by)
    roles = {role_of(ps, a) for a in got}
    if wanted in got or wanted in roles:
        return True
    actor = ps.actors.get(wanted)
    if actor is not None and actor.kind is ActorKind.composite and actor.members:
        return all(actor_matches(ps, got, m) for m in actor.members)
    return False


def _procedure(ctx: _Ctx, rule: ProcedureRule, facts: Facts) -> Iterator[RuleFinding]:
    for row in facts.rows(rule.table):
        named = row.data.get("procedure")
        if isinstance(named, str):
            if named != ctx.ref:
                continue
        elif row.data.get("subject") != rule.subject or not within(ctx.ps, row.place, ctx.reg.jurisdiction):
            continue
        problems = check_case(ctx.ps, rule, row.steps)
        subject = str(row.data["id"])
        if problems:
            yield ctx.finding(
                row, Outcome.failed, f"{rule.subject} exit case: " + "; ".join(problems), subject
            )
        else:
            notices = [r for r in row.steps if any(s.notice and s.id == r.step for s in rule.steps)]
            shown = "".join(
                f"; public notice{' ' + _iso(n.date) if n.date else ''} drew no objection" for n in notices
            )
            yield ctx.finding(
                row,
                Outcome.passed,
                f"{rule.subject} exit case: all {len(rule.steps)} steps in order, "
                f"by the required bodies{shown}",
                subject,
            )


def _who(step: Step) -> str:
    joiner = " and " if step.jointly else " or "
    return joiner.join(step.by) + (" jointly" if step.jointly and len(step.by) > 1 else "")


def check_case(ps: PolicySet, rule: ProcedureRule, records: Iterable[StepRecord]) -> list[str]:
    """Every way a case record departs from the procedure: unknown, missing or repeated steps,
    steps out of order, steps taken by the wrong body, a public notice with objections."""
    problems: list[str] = []
    order = {s.id: i for i, s in enumerate(rule.steps)}
    steps = {s.id: s for s in rule.steps}
    recs = list(records)
    seen: dict[str, StepRecord] = {}
    for rec in recs:
        if rec.step not in order:
            problems.append(f"unknown step '{rec.step}' (steps are {', '.join(order)})")
        elif rec.step in seen:
            problems.append(f"step '{rec.step}' recorded twice")
        else:
            seen[rec.step] = rec
    for s in rule.steps:
        if s.id not in seen:
            problems.append(f"step '{s.id}' ({s.name.zh}) is missing")
    problems += _order_problems(rule, [r for r in recs if r.step in order])
    for sid, rec in seen.items():
        step = steps[sid]
        hits = [actor_matches(ps, rec.by, a) for a in step.by]
        if not (all(hits) if step.jointly else any(hits)):
            problems.append(f"step '{sid}' taken by {', '.join(rec.by)}; it requires {_who(step)}")
        if step.notice:
            if rec.objections is None:
                problems.append(
                    f"public notice '{sid}': the record does not say whether there were objections"
                )
            elif rec.objections > 0:
                problems.append(
                    f"public notice '{sid}' drew {rec.objections} objection(s); it must draw none"
                )
    return problems


def _order_problems(rule: ProcedureRule, recs: list[StepRecord]) -> list[str]:
    """Steps must happen in the procedure's order: by date where dated, else as listed."""
    order = {s.id: i for i, s in enumerate(rule.steps)}
    problems = []
    for a_i, a in enumerate(recs):
        for b in recs[a_i + 1 :]:
            if order[a.step] == order[b.step]:
                continue
            first, then = (a, b) if order[a.step] < order[b.step] else (b, a)
            if first.date is not None and then.date is not None:
                if then.date < first.date:
                    problems.append(
                        f"'{then.step}' on {then.date.isoformat()} "
                        f"before '{first.step}' on {first.date.isoformat()}"
                    )
            elif order[a.step] > order[b.step]:  # undated: the listed order is the order taken
                problems.append(f"'{a.step}' listed before '{b.step}'")
    return problems


# -- coverage (全覆盖) ----------------------------------------------------------------------------

# What covers each subject: the subjects' table, its key, the covering table, the column naming
# the subject there, and what one covering record is called in findings.
COVERAGE = {
    "household": (FactTable.households, "id", FactTable.pairings, "household", "帮扶责任人", "pairing"),
    "village": (FactTable.villages, "place", FactTable.teams, "place", "驻村工作队", "team"),
}


def _coverage(ctx: _Ctx, rule: CoverageRule, facts: Facts) -> Iterator[RuleFinding]:
    """Each poor subject inside the jurisdiction has at least one covering record.

    A subject row is poor unless it says `poor: false`; a covering record counts whatever its
    dates (the text's 不脱贫、不脱钩 is not computed: see the rule's note).
    """
    table, key, cover, ref, who, record = COVERAGE[rule.subject]
    count: dict[str, int] = defaultdict(int)
    for row in facts.rows(cover):
        count[str(row.data[ref])] += 1
    for row in facts.rows(table):
        if row.data.get("poor") is False or not within(ctx.ps, row.place, ctx.reg.jurisdiction):
            continue
        subject = str(row.data[key])
        n = count.get(subject, 0)
        if n:
            text = f"poor {rule.subject} {subject} has {n} {who} record(s) ({record})"
            yield ctx.finding(row, Outcome.passed, text, subject)
        else:
            text = f"poor {rule.subject} {subject} has no {who}: no {record} names it"
            yield ctx.finding(row, Outcome.failed, text, subject)
