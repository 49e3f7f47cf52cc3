"""Scenario tests that policy authors write: facts in, expected findings out (as in OpenFisca).

A scenario file is a YAML document ``kind: scenarios`` (``docs/computable.md``)::

    kind: scenarios
    id: wuyi-special-funds
    scenarios:
      - name: exactly 1% passes (以上 includes the number)
        facts:
          fiscal:
            - {place: cn.hebei.hengshui.wuyi, year: 2017, general_budget_revenue: 1000000000,
               special_poverty_funds: 10000000}
        expect:
          - {rule: wuyi/special-funds-share, outcome: pass, says: "1.00% ≥ 1%"}

A scenario checks the rules it lists in ``rules`` or, without that, the rules its expectations
name. It passes when every expectation matches a finding and every finding of a checked rule is
expected: an unexpected failure is as much a regression as a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from responsibility.computable.engine import Outcome, RuleFinding, evaluate, rule_ids
from responsibility.computable.facts import Facts, from_data
from responsibility.computable.facts import read as read_facts
from responsibility.core.codes import S001, S002, S003, S004, S005, S006
from responsibility.core.errors import Finding, Location, PolicyError, Rule
from responsibility.policy.loader import discover
from responsibility.policy.policyset import PolicySet, suggest
from responsibility.policy.yamlfile import Marks, display_name, load_text, read_head, read_text

EXPECT_FIELDS = ("rule", "outcome", "subject", "year", "says")
SCENARIO_FIELDS = ("name", "rules", "facts", "facts_files", "expect", "note")


@dataclass(frozen=True)
class Expectation:
    rule: str
    outcome: Outcome
    subject: str | None = None
    year: int | None = None
    says: str | None = None
    where: Location = field(default_factory=lambda: Location(""))

    def matches(self, f: RuleFinding) -> bool:
        return (
            f.rule == self.rule
            and f.outcome == self.outcome
            and self.subject in (None, f.subject)
            and self.year in (None, f.year)
            and (self.says is None or self.says in f.message)
        )

    def __str__(self) -> str:
        bits = [self.rule, self.outcome.value]
        bits += [f"subject={self.subject}"] if self.subject else []
        bits += [f"year={self.year}"] if self.year is not None else []
        bits += [f"says={self.says!r}"] if self.says else []
        return " ".join(bits)


@dataclass
class Scenario:
    file: str
    name: str
    where: Location
    facts: Facts
    expect: list[Expectation]
    rules: list[str] | None = None

    @property
    def checked(self) -> set[str]:
        return set(self.rules) if self.rules is not None else {e.rule for e in self.expect}


@dataclass
class Result:
    scenario: Scenario
    findings: list[RuleFinding]
    missing: list[Expectation] = field(default_factory=list)
    unexpected: list[RuleFinding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected

    def report(self) -> str:
        """What went wrong, with the findings the rules did produce so the author can compare."""
        lines = [f"{self.scenario.where}: {self.scenario.name}"]
        lines += [f"  expected, not found: {e}  ({e.where})" for e in self.missing]
        lines += [f"  not expected: {f.rule} {f}" for f in self.unexpected]
        shown = [f for f in self.findings if f.rule in self.scenario.checked and f not in self.unexpected]
        if self.missing and shown:
            lines.append("  other findings of the checked rules:")
            lines += [f"    {f.rule} {f}" for f in shown]
        return "\n".join(lines)


def run(ps: PolicySet, scenario: Scenario) -> Result:
    findings = evaluate(ps, scenario.facts, scenario.checked)
    missing = [e for e in scenario.expect if not any(e.matches(f) for f in findings)]
    unexpected = [f for f in findings if not any(e.matches(f) for e in scenario.expect)]
    return Result(scenario, findings, missing, unexpected)


# -- reading ------------------------------------------------------------------------------------


def _sub(marks: Marks, prefix: tuple[str | int, ...]) -> Marks:
    n = len(prefix)
    return {p[n:]: v for p, v in marks.items() if p[:n] == prefix}


def parse(text: str, name: str, base: Path, known_rules: Iterable[str]) -> list[Scenario]:
    """The scenarios of one file; raises PolicyError with every problem in it."""
    data, marks = load_text(text, name)
    problems: list[Finding] = []

    def bad(path: tuple[str | int, ...], code: Rule, msg: str, hint: str = "") -> None:
        line, col = next((marks[path[:k]] for k in range(len(path), -1, -1) if path[:k] in marks), (1, 1))
        problems.append(code.finding(Location(name, line, col), msg, hint=hint))

    if not isinstance(data, dict) or data.get("kind") != "scenarios":
        raise PolicyError(
            [S001.finding(Location(name, 1, 1), "a scenario file is a mapping with 'kind: scenarios'")]
        )
    for key in data:
        if key not in ("kind", "id", "note", "scenarios", "$schema"):
            bad((key,), S002, f"unknown field '{key}'", "use kind, id, note, scenarios")
    items = data.get("scenarios")
    if not isinstance(items, list) or not items:
        bad(("scenarios",), S001, "'scenarios' must be a non-empty list")
        raise PolicyError(problems)
    rules = set(known_rules)
    out: list[Scenario] = []
    names: set[str] = set()
    for i, raw in enumerate(items):
        path: tuple[str | int, ...] = ("scenarios", i)
        if not isinstance(raw, dict):
            bad(path, S001, "a scenario is a mapping with name, facts and expect")
            continue
        for key in raw:
            if key not in SCENARIO_FIELDS:
                near = suggest(str(key), SCENARIO_FIELDS)
                bad((*path, key), S002, f"unknown field '{key}'", f"did you mean {near[0]}?" if near else "")
        sname = raw.get("name")
        if not isinstance(sname, str) or not sname.strip():
            bad(path, S003, "a scenario needs a name")
            continue
        if sname in names:
            bad((*path, "name"), S003, f"second scenario named '{sname}'", "names are unique in a file")
        names.add(sname)
        facts = Facts()
        if isinstance(raw.get("facts"), dict):
            try:
                facts.extend(from_data(raw["facts"], name, _sub(marks, (*path, "facts"))))
            except PolicyError as exc:
                problems += exc.diagnostics
        elif "facts" in raw:
            bad((*path, "facts"), S001, "'facts' is a mapping of tables: fiscal, personnel, …")
        files = raw.get("facts_files", [])
        for j, f in enumerate(files if isinstance(files, list) else [files]):
            target = base / str(f)
            if not isinstance(f, str) or not target.exists():
                bad(
                    (*path, "facts_files", j),
                    S004,
                    f"no such facts file '{f}'",
                    "paths are relative to this file",
                )
                continue
            try:
                facts.extend(read_facts(target, display_name(target)))
            except PolicyError as exc:
                problems += exc.diagnostics
        wanted = raw.get("rules")
        if wanted is not None:
            if not isinstance(wanted, list):
                bad((*path, "rules"), S001, "'rules' is a list of rule ids (REGULATION/RULE)")
                wanted = None
            else:
                for j, r in enumerate(wanted):
                    _known(bad, (*path, "rules", j), str(r), rules)
        expect = _expectations(raw.get("expect"), path, bad, rules, name, marks)
        if wanted is None and not expect:
            bad(
                path,
                S005,
                "a scenario checks nothing",
                "add expect: entries, or rules: to expect no findings",
            )
        at = marks.get(path, (1, 1))
        out.append(Scenario(name, sname, Location(name, *at), facts, expect, wanted))
    if problems:
        raise PolicyError(problems)
    return out


def _known(bad: Any, path: tuple[str | int, ...], rule: str, rules: set[str]) -> bool:
    if rule in rules:
        return True
    near = suggest(rule, rules)
    bad(
        path,
        S006,
        f"unknown rule '{rule}'",
        f"did you mean {', '.join(near)}?" if near else "see the rules files",
    )
    return False


def _expectations(
    raw: Any, path: tuple[str | int, ...], bad: Any, rules: set[str], name: str, marks: Marks
) -> list[Expectation]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        bad((*path, "expect"), S001, "'expect' is a list of expected findings")
        return []
    out = []
    for j, e in enumerate(raw):
        epath = (*path, "expect", j)
        if not isinstance(e, dict):
            bad(epath, S001, "an expectation is a mapping: {rule: ..., outcome: ...}")
            continue
        for key in e:
            if key not in EXPECT_FIELDS:
                bad((*epath, key), S002, f"unknown field '{key}'", f"use {', '.join(EXPECT_FIELDS)}")
        rule, outcome = e.get("rule"), e.get("outcome")
        if not isinstance(rule, str) or not _known(bad, (*epath, "rule"), rule, rules):
            if not isinstance(rule, str):
                bad(epath, S003, "an expectation needs 'rule'")
            continue
        if outcome not in [o.value for o in Outcome]:
            bad((*epath, "outcome"), S003, f"outcome must be one of {', '.join(o.value for o in Outcome)}")
            continue
        year = e.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            bad((*epath, "year"), S003, "year must be a whole number")
            continue
        at = marks.get(epath, (1, 1))
        subject, says = e.get("subject"), e.get("says")
        out.append(
            Expectation(
                rule,
                Outcome(outcome),
                str(subject) if subject is not None else None,
                year,
                str(says) if says is not None else None,
                Location(name, *at),
            )
        )
    return out


def is_scenario_file(path: Path) -> bool:
    """Cheap test before parsing: scenario files say `kind: scenarios` at the top level.

    Read with the one safe reader (a FIFO or device is never opened); a file it refuses is not a
    scenario file here, and the policy loader reports it.
    """
    try:
        head = read_head(path, display_name(path), 4096).decode("utf-8", errors="replace")
    except PolicyError:
        return False
    return re.search(r"^kind:\s*scenarios\s*$", head, re.M) is not None


def collect(paths: Sequence[Path]) -> tuple[list[Path], list[Finding]]:
    """Scenario files under `paths` (files given by name are taken as scenario files)."""
    files: list[Path] = []
    problems: list[Finding] = []
    for p in paths:
        if not p.is_dir():  # a file, or anything else given by name: the reader says what is wrong
            files.append(p)
            continue
        found, probs = discover(p)
        problems += probs
        files += [f for f in found if is_scenario_file(f)]
    return files, problems


def load(paths: Sequence[Path], ps: PolicySet) -> tuple[list[Scenario], list[Finding]]:
    """Every scenario under `paths`, and every problem reading them (files with problems are skipped)."""
    files, problems = collect(paths)
    known = rule_ids(ps)
    out: list[Scenario] = []
    for f in files:
        name = display_name(f)
        try:
            out += parse(read_text(f, name), name, f.parent, known)
        except PolicyError as exc:
            problems += exc.diagnostics
    return out, problems


def select(scenarios: Iterable[Scenario], keyword: str | None) -> list[Scenario]:
    """Scenarios whose file or name contains `keyword` (case-insensitive), as `pytest -k` does."""
    if not keyword:
        return list(scenarios)
    k = keyword.lower()
    return [s for s in scenarios if k in s.name.lower() or k in s.file.lower()]
