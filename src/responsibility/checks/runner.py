"""Run the checker: load, check conformance and evidence, apply configuration and waivers.

Everything the checker finds is a :class:`~responsibility.checks.Finding`; a file that does not
load is not a crash but structural findings (the loader's diagnostics under the same codes).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from responsibility.checks.evidence import (
    Evaluation,
    EvidenceRow,
    Inventory,
    Status,
    evaluate,
    parse_period,
    parse_range,
    read_inventory,
)
from responsibility.checks.waivers import Waived, WaiverFile, apply, read_waivers
from responsibility.core import observe
from responsibility.core.codes import E010, E011
from responsibility.core.errors import SEVERITY_RANK, Finding, Location, PolicyError, Severity
from responsibility.core.wording import plural, printable
from responsibility.policy.loader import Skipped, load
from responsibility.policy.model import Regulation
from responsibility.policy.names import Names, inferred_at
from responsibility.policy.policyset import DutyEntry, PolicySet

from . import RULES, Category, Rule, rule, rules_of
from .config import Config
from .context import ConformanceContext

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class Options:
    paths: list[Path]
    policies: list[Path] = field(default_factory=list)
    include_shipped: bool = True
    against: str | None = None
    evidence: Path | None = None
    period: str | None = None
    waivers: Path | None = None
    facts: list[Path] = field(default_factory=list)
    strict: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    config: Config = field(default_factory=Config)
    lang: str = "zh"  # the language findings name things in (names.Names): zh or en
    # The files the directory walks pass over (the report's list), noted as they are met: `check -v`
    # prints them even when an input that cannot be read (a facts folder with none) stops the run.
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class Report:
    findings: list[Finding]
    waived: list[Waived]
    rules: list[Rule]
    fail_on: Severity
    checked: list[str] = field(default_factory=list)
    checked_names: list[str] = field(default_factory=list)  # the same regulations as a reader names them
    lang: str = "zh"
    evidence: Evaluation | None = None
    period: str | None = None
    strict: bool = False
    refused: int = 0  # waivers not applied because of --strict
    loaded: bool = True  # False when the policies did not load (structural findings only)
    skipped: list[Skipped] = field(default_factory=list)  # files a directory walk did not read

    def counts(self) -> dict[str, int]:
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in Severity}

    def failing(self) -> list[Finding]:
        """Findings that fail the run: at or above fail_on, and every structural one whatever it says."""
        floor = SEVERITY_RANK[self.fail_on]
        return [f for f in self.findings if is_structural(f) or SEVERITY_RANK[f.severity] >= floor]

    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.failing() else EXIT_CLEAN

    def summary(self) -> str:
        c = self.counts()
        n = len(self.findings)
        parts = [plural(n, "finding"), plural(c["error"], "error"), plural(c["warning"], "warning")]
        parts.append(f"{c['info']} info")
        text = ", ".join(parts) + f"; {len(self.waived)} waived"
        if self.strict:
            text += f" ({plural(self.refused, 'waiver')} refused: --strict)"
        return text


def is_structural(finding: Finding) -> bool:
    """A finding of a structural rule: always reported, never waived, always failing."""
    rule = RULES.get(finding.code)
    return rule is not None and rule.category == Category.structural


def structural(found: Finding) -> Finding:
    """A finding raised while reading the input, as the checker reports it: its path is its target."""
    if found.code == E010.code and "must be a mapping" in found.message:
        # the loader reports a non-mapping document under E010; the checker calls it an invalid value
        return E011.finding(found.location, found.message, target=found.path, hint=found.hint)
    return replace(found, target=found.path)


def unreadable(found: list[Finding], config: Config) -> Report:
    """The report of a run stopped by an input that cannot be read (a facts file, an evidence
    manifest, a waiver file): its structural findings, for formats that must print a document."""
    return Report(sorted(structural(f) for f in found), [], config.selected(), config.fail_on, loaded=False)


def checked_regulations(ps: PolicySet, paths: list[Path]) -> list[Regulation]:
    """The regulations whose files lie under one of `paths` (the ones being checked)."""
    roots = [observe.resolve(p) for p in paths]
    out = []
    for reg in ps.regulations.values():
        src = ps.sources.get(reg.id)
        origin = Path(src.origin) if src and src.origin else None
        if origin is not None and any(origin == r or origin.is_relative_to(r) for r in roots):
            out.append(reg)
    return out


def run(opts: Options) -> Report:
    """Check the regulations at opts.paths; raises ValueError/LookupFailure for usage errors."""
    cfg = opts.config
    rules = cfg.selected()
    for p in [*opts.paths, *opts.policies]:
        if not observe.exists(p):
            raise ValueError(f"{p}: no such file or directory")
    waiver_path = opts.waivers or cfg.waivers
    if waiver_path is not None and not observe.is_file(waiver_path):
        raise ValueError(f"waiver file {waiver_path} does not exist")
    span = parse_range(opts.period) if opts.period else None
    if opts.evidence is not None and span is None:
        raise ValueError("--evidence needs --period (e.g. --period 2018 or --period 2018..2019)")
    if opts.period is not None and opts.evidence is None:  # only the evidence check reads a period
        raise ValueError("--period needs --evidence (e.g. --evidence evidence/ --period 2018)")
    report = Report([], [], rules, cfg.fail_on, period=opts.period, strict=opts.strict, lang=opts.lang)
    report.skipped = opts.skipped  # the one list: -v prints it even when an input stops the run
    found: list[Finding] = []
    try:
        ps = load(
            [*opts.policies, *opts.paths],
            include_shipped=opts.include_shipped,
            exclude=cfg.excluded if cfg.exclude else None,
            skipped=report.skipped,
            keep_marks=True,  # findings point into the policies: positions from the first parse
        )
    except PolicyError as exc:
        found = [structural(d) for d in exc.diagnostics]
        report.loaded = False
    else:
        regs = checked_regulations(ps, opts.paths)
        if not regs:
            raise ValueError(f"no regulation found under {', '.join(map(str, opts.paths))}")
        names = Names(ps, opts.lang)
        report.checked = [r.id for r in regs]
        report.checked_names = [names.regulation(r.id) for r in regs]
        for reg in regs:
            found += conformance(ps, reg, opts.against, rules, opts.lang)
        if opts.evidence is not None and span is not None:
            report.evidence, ev = evidence(ps, regs, opts.evidence, span, cfg.grace_days, names)
            found += ev
        if opts.facts:
            found += computable(ps, regs, opts.facts, report.skipped)
    wf: WaiverFile | None = read_waivers(waiver_path, rule) if waiver_path is not None else None
    by_code = {r.code: r for r in rules}
    found = [replace(f, severity=by_code[f.code].severity) for f in found if f.code in by_code]
    # Structural findings are never waived: a waiver cannot make a file that does not load pass.
    fixed = [f for f in found if is_structural(f)]
    kept, waived, about, refused = apply(
        [f for f in found if not is_structural(f)], wf, opts.today, opts.strict
    )
    kept += fixed
    about = [replace(f, severity=by_code[f.code].severity) for f in about if f.code in by_code]
    report.findings = sorted(set(kept + about))
    report.waived = sorted(waived, key=lambda w: w.finding)
    report.refused = refused
    return report


def conformance(
    ps: PolicySet, reg: Regulation, against: str | None, rules: list[Rule], lang: str = "zh"
) -> list[Finding]:
    if against is not None:
        parents = [ps.regulation(against)]
    else:
        parents = [ps.regulations[p] for p in reg.implements if p in ps.regulations]
    ctx = ConformanceContext(ps, reg, parents, against, lang)
    selected = {r.code for r in rules}
    out: list[Finding] = []
    for category in (Category.conformance, Category.graph):
        for r in rules_of(category):
            if r.code in selected and r.check is not None:
                out += r.check(ctx)
    return out


def computable(
    ps: PolicySet, regs: list[Regulation], fact_paths: list[Path], skipped: list[Skipped] | None = None
) -> list[Finding]:
    """Computable provisions of the checked regulations and their parents, on the supplied facts
    (the files their folders pass over noted in `skipped`)."""
    from responsibility.computable import engine
    from responsibility.computable import facts as fact_files

    scope = {r.id for r in regs} | {p for r in regs for p in r.implements}
    wanted = [ref for ref in engine.rule_ids(ps) if ref.split("/", 1)[0] in scope]
    by_status = {r.status: r for r in rules_of(Category.computable) if r.status}
    out = []
    # a column or key no table declares and no rule reads is a misspelling (F004), not a fact
    facts = fact_files.load(fact_paths, known=engine.facts_read(ps), skipped=skipped)
    for f in engine.evaluate(ps, facts, wanted):
        rule = by_status.get(f.outcome.value)
        if rule is None:  # a pass is not a finding
            continue
        year = f"/{f.year}" if f.year is not None else ""
        message = f.message.removeprefix(f"{f.citation}: ")  # the report prints the citation itself
        where = replace(f.location, provision=f.citation)
        out.append(rule.finding(where, message, target=f"{f.rule}:{f.subject}{year}"))
    return out


def evidence(
    ps: PolicySet,
    regs: list[Regulation],
    root: Path,
    span: tuple[dt.date, dt.date],
    grace: int,
    names: Names | None = None,
) -> tuple[Evaluation, list[Finding]]:
    say = names or Names(ps)
    inv = read_inventory(root, ps)
    ev = evaluate(ps, regs, inv, span, grace)
    out = list(inv.problems)
    by_status = {r.status: r for r in rules_of(Category.evidence) if r.status}
    for row in ev.rows:
        rule = by_status.get(row.status.value)
        if rule is None:
            continue
        out.append(_evidence_finding(say, rule, row, inv, grace))
    return ev, out


# the field of the artefact each status is about: its finding points at that cell
_ABOUT = {
    Status.late: "date",
    Status.wrong_counterparty: "counterparty",
    Status.file_missing: "path",
    Status.hash_mismatch: "sha256",
}


def _evidence_finding(say: Names, rule: Rule, row: EvidenceRow, inv: Inventory, grace: int) -> Finding:
    """A slot of the evidence check that is not filled as it should be, in `say`'s words: the
    body, the artefact kind and the duty by their names (the target keeps their ids); a slot
    filled badly is reported at the manifest cell its message is about."""
    entry = row.entry
    assert entry is not None
    label = entry.citation
    a = row.artefact
    kind, duty = say.artefact(row.kind), say.duty_summary(entry)
    once = row.period == "once"
    if row.status == Status.missing or a is None:
        where = say.ps.locate(entry.regulation.id, entry.path, label)
        role = row.place.partition("@")[0]
        written = next((o.zh for o in entry.duty.owners if o.actor == role), None)
        body = say.body(row.place, written, inferred_at(entry.duty, role))
        msg = say.pick(
            f"{body}{'' if once else ' ' + row.period + ' '}的「{kind}」缺失（职责{duty}）",
            f"no {kind} from {body}{'' if once else ' for ' + row.period} ({duty})",
        )
        return rule.finding(where, msg, target=row.target)
    # worked out for this row's status only: a slot of a one-off duty (period `once`) is never
    # late, and has no period end to compute a deadline from
    if row.status == Status.late:
        due = _late(a.date, row.period, grace)
    elif row.status == Status.wrong_counterparty:
        due = _counterparty(say, a.counterparty, entry)
    elif row.status == Status.file_missing:
        due = ("文件不存在", "its file does not exist")
    elif row.status == Status.hash_mismatch:
        due = ("文件的 sha256 与清单所记不符", "its file's sha256 differs from the manifest")
    else:  # a present slot has no rule: evidence() passes only the statuses that have one
        raise AssertionError(f"no finding for a {row.status.value} slot")
    msg = say.pick(
        f"{'' if once else row.period + ' 的'}「{kind}」（{a.path}）：{due[0]}（职责{duty}）",
        f"{kind}{'' if once else ' for ' + row.period} at {a.path}: {due[1]} ({duty})",
    )
    line, col = inv.cell(a.line, a.col, _ABOUT[row.status])
    return rule.finding(Location(inv.name, line, col, provision=label), printable(msg), target=row.target)


def _late(date: dt.date, period: str, grace: int) -> tuple[str, str]:
    """V002's detail in both languages: the date, and the deadline it missed (the period's last
    day plus the grace days), so that the day before the date is seen to have been in time."""
    end = parse_period(period).end
    if grace == 0:
        return (
            f"日期为 {date.isoformat()}，晚于 {period} 结束日 {end.isoformat()}",
            f"dated {date.isoformat()}, after {period} ended on {end.isoformat()}",
        )
    deadline = (end + dt.timedelta(days=grace)).isoformat()
    days = "1 day's" if grace == 1 else f"{grace} days'"
    return (
        f"日期为 {date.isoformat()}，晚于截止日 {deadline}（{period} 结束后宽限 {grace} 天）",
        f"dated {date.isoformat()}, after the deadline {deadline} (end of {period} plus {days} grace)",
    )


def _counterparty(say: Names, given: str, entry: DutyEntry) -> tuple[str, str]:
    """V003's detail in both languages: the counterparty recorded, and the ones the duty names."""
    wanted = say.list_of([say.counterparty(c) for c in entry.duty.counterparties])
    if not given:
        return f"未记录对象，应为{wanted}", f"counterparty is not given, not {wanted}"
    got = say.actor(given)
    return f"对象为{got}，而非{wanted}", f"counterparty is {got}, not {wanted}"
