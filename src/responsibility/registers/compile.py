"""Rules compiled once to SQL in DuckDB's dialect, transpiled by sqlglot for Spark.

One SELECT per rule over the register's normalised tables (see :mod:`.engines`), one row per
subject: ``rule, subject, county, outcome, message`` and a flag ``p<i>`` per requirement the rule
can find. The messages are the Python evaluator's, word for word (the differential tests hold
the engines to it), built from the same policy data: step names, actors, citations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlglot

from ._deps import (
    COVERAGE,
    ActorKind,
    CoverageRule,
    PolicySet,
    ProcedureRule,
    RuleSet,
    Step,
    citation,
    role_of,
    rule_citation,
)
from .formats import SUBJECT_TABLE, column

AnyRegisterRule = ProcedureRule | CoverageRule


@dataclass(frozen=True)
class Requirement:
    """What a rule requires of a subject, and how a subject fails it: the finding kind, the step(s),
    the article requiring it. (Not a finding: a failed requirement is reported as a register finding.)"""

    kind: str  # missing-step | out-of-order | wrong-body | notice-objection | notice-unrecorded | not-covered
    step: str  # the step (`propose`), the pair (`verify before propose`) or the subject kind
    citation: str  # 武邑 一(二)9: the provision as printed
    quote: str  # the words that require it
    condition: str  # SQL: the requirement is failed
    text: str  # SQL: its explanation, as the Python evaluator words it (held equal by the tests)
    # Its particulars, for explanations in either language (report.explain): the steps it is
    # about (for out-of-order the later step first) and the columns of the judged rows holding
    # what the record says (dates d<k>, bodies n<k>/m<k> as ``;a;b;``, objections o<k>).
    steps: tuple[Step, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Compiled:
    ref: str  # REGULATION/RULE
    citation: str  # 武邑 一(二)9、一(二)4
    table: str  # the register table the rule reads its subjects from
    requirements: tuple[Requirement, ...]
    sql: str  # DuckDB SELECT rule, subject, county, outcome, message, p0 … pn, *kept
    counted: str  # DuckDB SELECT county, n: the subjects checked per county (no judging: cheap)
    rule: AnyRegisterRule
    regulation: str
    kept: tuple[str, ...] = ()  # the columns after the flags: every Requirement.values

    def spark_sql(self) -> str:
        return to_spark(self.sql)


def to_spark(sql: str) -> str:
    return sqlglot.transpile(sql, read="duckdb", write="spark")[0]


def lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


# What Python's str.strip() strips (str.isspace), as a character class RE2 (DuckDB) and Java
# (Spark) read alike: their own \s is ASCII only (RE2) or differs in \v (Java), and a register
# typed in a Chinese spreadsheet has ideographic spaces (U+3000) and tabs around its ids.
WS = (
    r"[\x{09}-\x{0D}\x{1C}-\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}"
    r"\x{202F}\x{205F}\x{3000}]"
)


def strip(expr: str) -> str:
    """SQL: `expr` without the whitespace around it, as str.strip() leaves it."""
    return f"regexp_replace({expr}, '^{WS}+|{WS}+$', '', 'g')"


def _within(col: str, area: str) -> str:
    """Place ids nest by dots: a place is within `area` when it is it or starts with `area.`."""
    prefix = area + "."
    return f"({col} = {lit(area)} OR SUBSTRING({col}, 1, {len(prefix)}) = {lit(prefix)})"


def compile_rule(
    ps: PolicySet, rs: RuleSet, rule: AnyRegisterRule, register_steps: Sequence[str] = ()
) -> Compiled:
    """The rule as SQL. `register_steps`: every step the exits table has columns for, in column
    order; a step recorded there that the procedure does not have is an unknown step."""
    reg = ps.regulation(rs.regulation)
    ref = f"{rs.regulation}/{rule.id}"
    cite = rule_citation(rs, reg, rule)
    if isinstance(rule, CoverageRule):
        return _coverage(ref, cite, reg.jurisdiction, rule)
    step_cite = {s.id: f"{rs.cite_as} {citation(reg, s.provision or rule.provisions[0])}" for s in rule.steps}
    others = [sid for sid in register_steps if sid not in {s.id for s in rule.steps}]
    return _procedure(ps, ref, cite, reg.jurisdiction, rule, step_cite, others)


# -- procedures -----------------------------------------------------------------------------------


def _accepted(ps: PolicySet, wanted: str) -> set[str]:
    """The recorded ids that are `wanted` itself or a concrete body whose role it is."""
    return {wanted} | {a for a in ps.actors if a != wanted and role_of(ps, a) == wanted}


def _match(ps: PolicySet, ids: str, wanted: str) -> str:
    """SQL for :func:`~responsibility.computable.actor_matches`: the recorded bodies include
    `wanted`, or all members of the composite `wanted` are present. `ids` is the recorded
    bodies as ``;a;b;`` (see :func:`_ids`): a test of one body is a substring test, no list."""
    tests = [f"contains({ids}, {lit(';' + a + ';')})" for a in sorted(_accepted(ps, wanted))]
    actor = ps.actors.get(wanted)
    if actor is not None and actor.kind is ActorKind.composite and actor.members:
        tests.append("(" + " AND ".join(_match(ps, ids, m) for m in actor.members) + ")")
    return "(" + " OR ".join(tests) + ")"


def _who(step: Step) -> str:
    joiner = " and " if step.jointly else " or "
    return joiner.join(step.by) + (" jointly" if step.jointly and len(step.by) > 1 else "")


def _ids(col: str) -> str:
    """The recorded bodies as ``;a;b;``: split on ; or 、 with the whitespace around them dropped,
    as the facts reader splits and strips them (see :data:`WS`). A string, not a list: lists cost
    ten times more per row, and a register has millions of rows."""
    split = f"regexp_replace({strip(col)}, '{WS}*[;、]{WS}*', ';', 'g')"
    return f"CASE WHEN {col} IS NOT NULL THEN ';' || {split} || ';' END"


def _recorded(ids: str) -> str:
    """SQL: at least one body is recorded (an id that is not empty)."""
    return f"({ids} IS NOT NULL AND length(replace({ids}, ';', '')) > 0)"


def _listed(ids: str) -> str:
    """SQL: the recorded bodies sorted, without repeats, joined by ', ' (for explanations only)."""
    ids_list = f"list_filter(string_split({ids}, ';'), lambda t: t <> '')"
    return f"array_to_string(list_sort(list_distinct({ids_list})), ', ')"


def _procedure(
    ps: PolicySet,
    ref: str,
    cite: str,
    area: str,
    rule: ProcedureRule,
    step_cite: dict[str, str],
    others: Sequence[str],
) -> Compiled:
    steps = rule.steps
    cols = [
        "case_id",
        "county",
        *(
            f"{_ids(column(s.id) + '_by')} AS n{k}, {column(s.id)}_date AS d{k}"
            + (f", {column(s.id)}_objections AS o{k}" if s.notice else "")
            for k, s in enumerate(steps)
        ),
        *(f"{_ids(column(sid) + '_by')} AS m{k}" for k, sid in enumerate(others)),
    ]
    place = "COALESCE(village, township, county)"
    scope = (
        f"(COALESCE(procedure, '') = {lit(ref)} OR (COALESCE(procedure, '') = '' "
        f"AND subject = {lit(rule.subject)} AND {_within(place, area)}))"
    )
    requirements: list[Requirement] = []
    listed = ", ".join(s.id for s in steps)
    for k, sid in enumerate(others):
        requirements.append(
            Requirement(
                "unknown-step",
                sid,
                cite,
                rule.quote,
                _recorded(f"m{k}"),
                lit(f"unknown step '{sid}' (steps are {listed})"),
                values=(f"m{k}",),
            )
        )
    for k, s in enumerate(steps):
        requirements.append(
            Requirement(
                "missing-step",
                s.id,
                step_cite[s.id],
                s.quote,
                f"NOT b{k}",
                lit(f"step '{s.id}' ({s.name.zh}) is missing"),
                (s,),
            )
        )
    for i, a in enumerate(steps):
        for j in range(i + 1, len(steps)):
            b = steps[j]
            requirements.append(
                Requirement(
                    "out-of-order",
                    f"{b.id} before {a.id}",
                    cite,
                    rule.quote,
                    f"b{i} AND b{j} AND d{j} < d{i}",
                    lit(f"'{b.id}' on ")
                    + f" || CAST(d{j} AS VARCHAR) || "
                    + lit(f" before '{a.id}' on ")
                    + f" || CAST(d{i} AS VARCHAR)",
                    (b, a),
                    (f"d{j}", f"d{i}"),
                )
            )
    for k, s in enumerate(steps):
        hits = [_match(ps, f"n{k}", a) for a in s.by]
        ok = " AND ".join(hits) if s.jointly else " OR ".join(hits)
        requirements.append(
            Requirement(
                "wrong-body",
                s.id,
                step_cite[s.id],
                s.quote,
                f"b{k} AND NOT ({ok})",
                lit(f"step '{s.id}' taken by ")
                + f" || {_listed(f'n{k}')} || "
                + lit(f"; it requires {_who(s)}"),
                (s,),
                (f"n{k}",),
            )
        )
        if s.notice:
            requirements.append(
                Requirement(
                    "notice-unrecorded",
                    s.id,
                    step_cite[s.id],
                    s.quote,
                    f"b{k} AND o{k} IS NULL",
                    lit(f"public notice '{s.id}': the record does not say whether there were objections"),
                    (s,),
                )
            )
            requirements.append(
                Requirement(
                    "notice-objection",
                    s.id,
                    step_cite[s.id],
                    s.quote,
                    f"b{k} AND o{k} > 0",
                    lit(f"public notice '{s.id}' drew ")
                    + f" || CAST(o{k} AS VARCHAR) || "
                    + lit(" objection(s); it must draw none"),
                    (s,),
                    (f"o{k}",),
                )
            )
    notices = " || ".join(
        f"'; public notice' || CASE WHEN d{k} IS NULL THEN '' ELSE ' ' || CAST(d{k} AS VARCHAR) END"
        " || ' drew no objection'"
        for k, s in enumerate(steps)
        if s.notice
    )
    passed = lit(f"{cite}: {rule.subject} exit case: all {len(steps)} steps in order, by the required bodies")
    if notices:
        passed += " || " + notices
    picked = f"SELECT case_id, county FROM exits WHERE {scope}"
    kept = tuple(dict.fromkeys(v for p in requirements for v in p.values))
    sql = _assemble(
        ref,
        "case_id",
        f"SELECT *, {', '.join(_recorded(f'n{k}') + f' AS b{k}' for k in range(len(steps)))} "
        f"FROM (SELECT {', '.join(cols)} FROM exits WHERE {scope}) AS picked",
        requirements,
        lit(f"{cite}: {rule.subject} exit case: "),
        passed,
        kept,
    )
    reg = ref.split("/")[0]
    return Compiled(ref, cite, "exits", tuple(requirements), sql, _counted(picked), rule, reg, kept)


def _counted(base: str) -> str:
    return f"SELECT county, COUNT(*) AS n FROM ({base}) AS base GROUP BY county"


def _assemble(
    ref: str,
    subject: str,
    base: str,
    requirements: list[Requirement],
    failed: str,
    passed: str,
    kept: Sequence[str] = (),
) -> str:
    flags = ", ".join(f"COALESCE({p.condition}, FALSE) AS p{i}" for i, p in enumerate(requirements))
    texts = ", ".join(f"CASE WHEN p{i} THEN {p.text} END" for i, p in enumerate(requirements))
    pcols = ", ".join([*(f"p{i}" for i in range(len(requirements))), *kept])
    return (
        f"SELECT {lit(ref)} AS rule, subject, county, "
        "CASE WHEN problems = '' THEN 'pass' ELSE 'fail' END AS outcome, "
        f"CASE WHEN problems = '' THEN {passed} ELSE {failed} || problems END AS message, {pcols} "
        f"FROM (SELECT *, concat_ws('; ', {texts}) AS problems "
        f"FROM (SELECT {subject} AS subject, {flags}, * FROM ({base}) AS base) AS flagged) AS judged"
    )


# -- coverage (全覆盖) ------------------------------------------------------------------------------


def _coverage(ref: str, cite: str, area: str, rule: CoverageRule) -> Compiled:
    _, _, _, _, who, record = COVERAGE[rule.subject]
    table = SUBJECT_TABLE[rule.subject]
    if rule.subject == "household":
        key, cover, ckey = "household_id", "pairings", "household_id"
    else:
        key, cover, ckey = "village", "teams", "village"
    covered = Requirement(
        "not-covered",
        rule.subject,
        cite,
        rule.quote,
        "n IS NULL",
        f"{lit(f'poor {rule.subject} ')} || subject || {lit(f' has no {who}: no {record} names it')}",
    )
    base = (
        f"SELECT s.{key} AS subject_id, s.county, s.village, c.n FROM {table} AS s "
        f"LEFT JOIN (SELECT {ckey}, COUNT(*) AS n FROM {cover} GROUP BY {ckey}) AS c ON c.{ckey} = s.{key} "
        f"WHERE COALESCE(s.poor, TRUE) AND {_within('s.village', area)}"
    )
    passed = (
        f"{lit(f'{cite}: poor {rule.subject} ')} || subject || ' has ' || CAST(n AS VARCHAR) || "
        f"{lit(f' {who} record(s) ({record})')}"
    )
    sql = _assemble(ref, "subject_id", base, [covered], lit(f"{cite}: "), passed)
    return Compiled(ref, cite, table, (covered,), sql, _counted(base), rule, ref.split("/")[0])
