"""A register check as a provincial office reads it: per county and per finding kind, how many
cases, and the first examples with each step's explanation and the article that requires it.

The words are the one label table's (:mod:`responsibility.policy.labels`) and the policy set's
names, in the language asked for (Chinese first): places, bodies and steps by their names, finding
kinds by their labels, articles as printed with their words. An example's explanation is built
here, in that language, from what the record says (the dates, bodies and objection counts the
judged rows keep), not from the English sentences the engines compare with the Python evaluator.
JSON, CSV and SARIF keep the ids as machine keys, with the words beside them (``*_label``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from responsibility.policy import labels as L

from . import engines
from ._deps import PolicyError, PolicySet, RuleSet, Step
from .compile import AnyRegisterRule, Compiled, Requirement
from .engines import Engine, Register


class Names(Protocol):
    """How the faces name the policy set's things (the command line's ``Words``)."""

    @property
    def lang(self) -> str: ...

    def place(self, place: str | None) -> str: ...

    def actor(self, actor: str) -> str: ...

    def regulation(self, reg: str) -> str: ...

    def pair(self, zh: str | None, en: str | None) -> str: ...


@dataclass(frozen=True)
class Example:
    """A failed subject: the problems it has (indexes into its rule's problems) and what its
    record says about them (the judged row's kept columns)."""

    subject: str
    problems: tuple[int, ...]
    values: dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One finding kind of one rule in one county: e.g. the public notice drew objections."""

    county: str
    rule: str
    index: int  # of the problem in its rule's problems
    requirement: Requirement
    count: int
    examples: tuple[Example, ...]

    @property
    def kind(self) -> str:
        return self.requirement.kind

    @property
    def step(self) -> str:
        return self.requirement.step

    @property
    def citation(self) -> str:
        return self.requirement.citation

    @property
    def quote(self) -> str:
        return self.requirement.quote


@dataclass
class Report:
    engine: str
    totals: list[tuple[str, str, int, int]] = field(default_factory=list)  # county, rule, checked, failed
    kinds: list[Kind] = field(default_factory=list)
    rules: dict[str, Compiled] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(t[3] for t in self.totals)


def summarise(engine: Engine, compiled: Sequence[Compiled], examples: int = 3) -> Report:
    """Counts by county and kind (one scan per rule) and the first `examples` of each kind,
    by subject id, from the failed subjects (a second scan, kept by the engine)."""
    report = Report(engine.name, rules={c.ref: c for c in compiled})
    for c in compiled:
        checked = dict(engine.rows(c.counted))
        if not checked:
            continue
        # The one costly scan: judging each subject. Only the failed ones are kept.
        engine.materialize("fails", f"SELECT * FROM ({c.sql}) AS f WHERE outcome = 'fail'")
        flags = [f"p{i}" for i in range(len(c.requirements))]
        sums = ", ".join(f"SUM(CASE WHEN {p} THEN 1 ELSE 0 END)" for p in flags)
        counts = {
            r[0]: r[1:] for r in engine.rows(f"SELECT county, COUNT(*), {sums} FROM fails GROUP BY county")
        }
        shown = _examples(engine, c, flags, examples)
        for county in sorted(checked):
            failed, *per_kind = counts.get(county, (0, *([0] * len(c.requirements))))
            report.totals.append((county, c.ref, int(checked[county]), int(failed or 0)))
            for i, n in enumerate(per_kind):
                if n:
                    first = tuple(shown.get((county, i), ()))
                    report.kinds.append(Kind(county, c.ref, i, c.requirements[i], int(n), first))
    return report


def _examples(engine: Engine, c: Compiled, flags: list[str], n: int) -> dict[tuple[str, int], list[Example]]:
    """The first `n` failed subjects of each county and kind, with their flags and kept values."""
    union = " UNION ALL ".join(
        f"SELECT county, {i} AS k, subject FROM fails WHERE {p}" for i, p in enumerate(flags)
    )
    ranked = (
        "SELECT county, k, subject FROM (SELECT county, k, subject, "
        "ROW_NUMBER() OVER (PARTITION BY county, k ORDER BY subject) AS rn "
        f"FROM ({union}) AS u) AS r WHERE rn <= {int(n)}"
    )
    cols = [*flags, *c.kept]
    picked = ", ".join(f"f.{col}" for col in cols)
    shown: dict[tuple[str, int], list[Example]] = {}
    for county, k, subject, *values in engine.rows(
        f"SELECT r.county, r.k, r.subject, {picked} FROM ({ranked}) AS r "
        "JOIN fails AS f ON f.subject = r.subject ORDER BY r.county, r.k, r.subject"
    ):
        row = dict(zip(cols, values, strict=True))
        present = tuple(i for i, p in enumerate(flags) if row[p])
        kept = {col: row[col] for col in c.kept}
        shown.setdefault((county, int(k)), []).append(Example(str(subject), present, kept))
    return shown


# -- words ------------------------------------------------------------------------------------------


def _zh(names: Names) -> bool:
    return names.lang == "zh"


def _step(names: Names, step: Step) -> str:
    return names.pair(step.name.zh, step.name.en)


def _bodies(names: Names, ids: Any) -> str:
    """The bodies a record names (``;a;b;``), by their names, each once, in id order."""
    found = sorted({t for t in str(ids or "").split(";") if t})
    return ("、" if _zh(names) else ", ").join(names.actor(a) for a in found) or "-"


def _required(names: Names, step: Step) -> str:
    """Who may take a step, as the text puts it: A、B或C; A和B共同 (jointly)."""
    parts = [names.actor(a) for a in step.by]
    if len(parts) == 1:
        return parts[0]
    if _zh(names):
        return "和".join(parts) + "共同" if step.jointly else "、".join(parts[:-1]) + "或" + parts[-1]
    return " and ".join(parts) + " jointly" if step.jointly else ", ".join(parts[:-1]) + " or " + parts[-1]


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def rule_label(names: Names, c: Compiled) -> str:
    """武邑 贫困户退出, 甘肃 帮扶责任人全覆盖."""
    what = L.say(L.REGISTER_RULE_LABEL, f"{c.rule.kind}/{c.rule.subject}", names.lang)
    return f"{names.regulation(c.regulation)} {what}"


def kind_label(names: Names, p: Requirement) -> str:
    return L.say(L.REGISTER_FINDING_LABEL, p.kind, names.lang)


def step_label(names: Names, p: Requirement) -> str:
    """What a finding kind is about: a step's name, two steps' (the later first), the subject."""
    if p.kind == "out-of-order":
        later, earlier = (_step(names, s) for s in p.steps)
        return f"{later} 早于 {earlier}" if _zh(names) else f"{later} before {earlier}"
    if p.kind == "not-covered":
        return L.say(L.REGISTER_SUBJECT_LABEL, p.step, names.lang)
    return _step(names, p.steps[0]) if p.steps else p.step


def subject_label(names: Names, c: Compiled, subject: str) -> str:
    """A subject as a reader knows it: a village by its name where the catalogue has one."""
    return names.place(subject) if c.table == "villages" else subject


def explain(names: Names, c: Compiled, i: int, values: dict[str, Any], subject: str) -> str:
    """Requirement `i` of rule `c` on one subject, in the language of `names`, from its parts."""
    p, zh = c.requirements[i], _zh(names)
    v = [values.get(col) for col in p.values]
    name = _step(names, p.steps[0]) if p.steps else p.step
    if p.kind == "missing-step":
        return f"缺少「{name}」" if zh else f"step '{name}' is missing"
    if p.kind == "out-of-order":
        later, earlier = (_step(names, s) for s in p.steps)
        if zh:
            return f"「{later}」（{_day(v[0])}）早于「{earlier}」（{_day(v[1])}）"
        return f"'{later}' on {_day(v[0])} before '{earlier}' on {_day(v[1])}"
    if p.kind == "wrong-body":
        by, need = _bodies(names, v[0]), _required(names, p.steps[0])
        return (
            f"「{name}」由{by}办理，应由{need}办理" if zh else f"'{name}' taken by {by}; it requires {need}"
        )
    if p.kind == "notice-unrecorded":
        return (
            f"「{name}」未记录有无异议"
            if zh
            else f"public notice '{name}': the record does not say whether there were objections"
        )
    if p.kind == "notice-objection":
        return (
            f"「{name}」有异议 {v[0]} 件，应无异议"
            if zh
            else f"public notice '{name}' drew {v[0]} objection(s); it must draw none"
        )
    if p.kind == "unknown-step":
        by = _bodies(names, v[0])
        return (
            f"记录了本程序没有的步骤 {p.step}（{by}）"
            if zh
            else f"a step not in this procedure recorded: {p.step} (by {by})"
        )
    who = L.say(L.REGISTER_SUBJECT_LABEL, c.rule.subject, names.lang)
    shown = subject_label(names, c, subject)
    cover = "帮扶责任人" if c.rule.subject == "household" else "驻村工作队"
    if zh:
        record = "结对帮扶记录" if c.rule.subject == "household" else "驻村工作队记录"
        return f"{who} {shown} 没有{cover}（无{record}）"
    record = "pairing" if c.rule.subject == "household" else "team"
    return f"{who} {shown} has no {cover}: no {record} names it"


def example_text(names: Names, c: Compiled, ex: Example) -> str:
    """Every problem of an example, in the order of its rule's problems."""
    parts = [explain(names, c, i, ex.values, ex.subject) for i in ex.problems]
    return ("；" if _zh(names) else "; ").join(parts)


def _count(names: Names, n: int, table: str) -> str:
    unit, noun = L.REGISTER_UNIT_LABEL[table]
    return f"{n:,} {unit}" if _zh(names) else f"{n:,} {noun}{'' if n == 1 else 's'}"


# -- formats ----------------------------------------------------------------------------------------


def as_text(report: Report, names: Names) -> str:
    zh = _zh(names)
    sep = "：" if zh else ": "
    out: list[str] = []
    for county, rule, checked, failed in report.totals:
        c = report.rules[rule]
        head = f"{names.place(county)}  {rule_label(names, c)}"
        if zh:
            unit = L.say(L.REGISTER_UNIT_LABEL, c.table)
            out.append(f"{head}（{rule}）：核查 {_count(names, checked, c.table)}，有问题 {failed:,} {unit}")
        else:
            out.append(f"{head} ({rule}): {_count(names, checked, c.table)} checked, {failed:,} failed")
        for k in (k for k in report.kinds if k.county == county and k.rule == rule):
            what = f"{kind_label(names, k.requirement)}{sep}{step_label(names, k.requirement)}"
            out.append(f"  {k.count:>9,}  {what} — {k.citation}「{k.quote}」")
            out += [f"             {_shown(names, c, ex)}" for ex in k.examples]
    total = sum(t[2] for t in report.totals)
    if zh:
        out.append(f"共核查 {total:,} 条，有问题 {report.failed:,} 条（{report.engine}）")
    else:
        out.append(f"{_count(names, total, 'rows')} checked, {report.failed:,} failed ({report.engine})")
    return "\n".join(out) + "\n"


def _shown(names: Names, c: Compiled, ex: Example) -> str:
    """An example as a line: the subject and its explanation."""
    return f"{subject_label(names, c, ex.subject)}{'：' if _zh(names) else ': '}{example_text(names, c, ex)}"


def _kind_fields(names: Names, report: Report, k: Kind) -> dict[str, Any]:
    c = report.rules[k.rule]
    return {
        "county": k.county,
        "county_label": names.place(k.county),
        "rule": k.rule,
        "rule_label": rule_label(names, c),
        "kind": k.kind,
        "kind_label": kind_label(names, k.requirement),
        "step": k.step,
        "step_label": step_label(names, k.requirement),
        "citation": k.citation,
        "quote": k.quote,
        "count": k.count,
    }


def as_json(report: Report, names: Names) -> str:
    data = {
        "engine": report.engine,
        "lang": names.lang,
        "totals": [
            {
                "county": county,
                "county_label": names.place(county),
                "rule": rule,
                "rule_label": rule_label(names, report.rules[rule]),
                "table": report.rules[rule].table,
                "checked": n,
                "failed": f,
            }
            for county, rule, n, f in report.totals
        ],
        "kinds": [
            {
                **_kind_fields(names, report, k),
                "examples": [_example_json(names, report.rules[k.rule], ex) for ex in k.examples],
            }
            for k in report.kinds
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _example_json(names: Names, c: Compiled, ex: Example) -> dict[str, Any]:
    out: dict[str, Any] = {"subject": ex.subject}
    if c.table == "villages":
        out["subject_label"] = subject_label(names, c, ex.subject)
    out["kinds"] = [c.requirements[i].kind for i in ex.problems]
    out["message"] = example_text(names, c, ex)
    return out


def as_csv(report: Report, names: Names) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = ["county", "county_label", "rule", "rule_label", "kind", "kind_label", "step", "step_label"]
    w.writerow([*head, "citation", "count", "first_subject", "first_message"])
    for k in report.kinds:
        fields = _kind_fields(names, report, k)
        c = report.rules[k.rule]
        first = (k.examples[0].subject, example_text(names, c, k.examples[0])) if k.examples else ("", "")
        w.writerow([*(fields[h] for h in head), k.citation, k.count, *first])
    return buf.getvalue()


def as_sarif(report: Report, files: dict[str, str], names: Names) -> str:
    """SARIF 2.1.0: one result per county and kind, at the register file that holds the cases."""
    zh = _zh(names)
    results = []
    for k in report.kinds:
        c = report.rules[k.rule]
        label, about = kind_label(names, k.requirement), step_label(names, k.requirement)
        if zh:
            unit = L.say(L.REGISTER_UNIT_LABEL, c.table)
            text = f"{k.citation}：{names.place(k.county)} {label}（{about}）{k.count:,} {unit}"
        else:
            where = names.place(k.county)
            text = f"{k.citation}: {_count(names, k.count, c.table)} {label} ({about}) in {where}"
        if k.examples:
            text += ("；例：" if zh else "; first: ") + _shown(names, c, k.examples[0])
        results.append(
            {
                "ruleId": "R001",
                "level": "error",
                "message": {"text": text},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": files.get(k.rule, "")}}}],
                "properties": {"county": k.county, "rule": k.rule, "kind": k.kind, "count": k.count},
            }
        )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "responsibility",
                        "rules": [
                            {
                                "id": "R001",
                                "name": "rule-violated",
                                "shortDescription": {"text": "a computable rule is violated"},
                            }
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def check_register(
    ps: PolicySet,
    rules: Sequence[tuple[RuleSet, AnyRegisterRule]],
    files: Sequence[Path],
    *,
    engine: str = "duckdb",
    examples: int = 3,
) -> tuple[Report, Register]:
    """Check register files against rules (from :func:`engines.register_rules`): the one way the
    command line and a program do it. The files are read and checked first; any problem (an
    unreadable file, a missing column, a bad value, a second row for one id: F006–F009) raises
    PolicyError with every one of them, before a rule runs. `engine` is duckdb or spark."""
    import duckdb

    needed = engines.needed_tables(rules)
    reg = engines.classify(list(files))
    con = duckdb.connect()
    engines.open_register(con, reg, needed)
    if reg.problems:
        raise PolicyError(list(reg.problems))
    runner: Engine = engines.DuckEngine(con)
    if engine == "spark":
        runner = engines.SparkEngine(engines.spark_session(), reg, needed)
    return summarise(runner, engines.compiled_rules(ps, rules), examples), reg
