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
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from responsibility.computable.engine import Outcome, RuleFinding, evaluate, facts_read, rule_ids
from responsibility.computable.facts import Facts, Known, from_data
from responsibility.computable.facts import read as read_facts
from responsibility.core.codes import S001, S002, S003, S004, S005, S006
from responsibility.core.errors import Finding, Location, PolicyError
from responsibility.policy import shape
from responsibility.policy.loader import discover
from responsibility.policy.policyset import PolicySet, SourceInfo, suggest
from responsibility.policy.yamlfile import display_name, load_text, read_head, read_text


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


# -- the file's model ---------------------------------------------------------------------------
# The rules a scenario file's problems are reported under; a facts problem inside it is a facts
# rule's (F001-F005), at its place in the scenario file.
CODES = shape.Codes(
    unknown=S002,
    missing=S003,
    invalid=S003,
    shape=S001,
    see="see the scenario tests in docs/computable.md",
)


def _rule_id(rule: str, info: ValidationInfo) -> str:
    """A rule id the policy set knows (the validation context's `rules`), or S006 with the nearest."""
    known: set[str] = (info.context or {}).get("rules", set())
    if rule in known:
        return rule
    near = suggest(rule, known)
    hint = f"did you mean {', '.join(near)}?" if near else "see the rules files"
    raise shape.invalid(f"unknown rule '{rule}'", rule=S006, hint=hint, of_field=False)


RuleId = Annotated[StrictStr, AfterValidator(_rule_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class ExpectModel(_Strict):
    """One expected finding: `{rule: ..., outcome: ..., subject, year, says}`."""

    rule: RuleId
    outcome: Annotated[Outcome, Field(strict=False)]  # written as its value: pass, fail …
    subject: str | None = None
    year: int | None = None
    says: str | None = None


class ScenarioModel(_Strict):
    """One scenario: facts in, expected findings out."""

    name: shape.Text
    rules: list[RuleId] | None = None
    facts: dict[str, Any] | None = None  # the fact tables, read by computable.facts (F001-F005)
    facts_files: list[str] = []
    expect: list[ExpectModel] = []
    note: str | None = None

    @field_validator("name")
    @classmethod
    def _unique(cls, name: str, info: ValidationInfo) -> str:
        seen: set[str] = (info.context or {}).setdefault("names", set())
        if name in seen:
            raise shape.invalid(
                f"second scenario named '{name}'", hint="names are unique in a file", of_field=False
            )
        seen.add(name)
        return name

    @field_validator("facts_files")
    @classmethod
    def _files_exist(cls, files: list[str], info: ValidationInfo) -> list[str]:
        base: Path = (info.context or {}).get("base", Path("."))
        for f in files:
            if not (base / f).exists():
                raise shape.invalid(
                    f"no such facts file '{f}'",
                    rule=S004,
                    hint="paths are relative to this file",
                    of_field=False,
                )
        return files

    @model_validator(mode="after")
    def _checks_something(self) -> ScenarioModel:
        if self.rules is None and not self.expect:
            raise shape.invalid(
                "a scenario checks nothing",
                rule=S005,
                hint="add expect: entries, or rules: to expect no findings",
                of_field=False,
            )
        return self


class ScenarioFile(_Strict):
    """A `kind: scenarios` document."""

    kind: Literal["scenarios"]
    id: str | None = None
    note: str | None = None
    schema_: str | None = Field(None, alias="$schema")
    scenarios: list[ScenarioModel] = Field(min_length=1)


def parse(
    text: str, name: str, base: Path, known_rules: Iterable[str], known_facts: Known | None = None
) -> list[Scenario]:
    """The scenarios of one file; raises PolicyError with every problem in it. With `known_facts`
    (the facts the rules read, by table), a fact no table declares and no rule reads is F004."""
    data, marks = load_text(text, name)
    problems: list[Finding] = []
    context: dict[str, Any] = {"rules": set(known_rules), "base": base}
    try:
        doc: ScenarioFile | None = shape.validate(ScenarioFile, data, name, marks, CODES, context=context)
    except PolicyError as exc:
        problems += exc.diagnostics
        doc = None
    # The facts of every scenario are read even when another part of the file is wrong, so one
    # run reports every problem.
    items = data.get("scenarios") if isinstance(data, dict) else None
    facts: list[Facts] = []
    for i, raw in enumerate(items if isinstance(items, list) else []):
        found = Facts()
        inline = raw.get("facts") if isinstance(raw, dict) else None
        files = raw.get("facts_files") if isinstance(raw, dict) else None
        try:
            if isinstance(inline, dict):
                found.extend(from_data(inline, name, marks, ("scenarios", i, "facts"), known_facts))
            for f in files if isinstance(files, list) else []:
                if isinstance(f, str) and (base / f).exists():  # the reader refuses a directory
                    found.extend(read_facts(base / f, display_name(base / f), known_facts))
        except PolicyError as exc:
            problems += exc.diagnostics
        facts.append(found)
    if problems or doc is None:
        raise PolicyError(problems)
    src = SourceInfo(name, marks)
    out = []
    for i, sc in enumerate(doc.scenarios):
        at = Location(name, *src.locate(("scenarios", i)))
        expect = [
            Expectation(
                e.rule,
                e.outcome,
                e.subject,
                e.year,
                e.says,
                Location(name, *src.locate(("scenarios", i, "expect", j))),
            )
            for j, e in enumerate(sc.expect)
        ]
        out.append(Scenario(name, sc.name, at, facts[i], expect, sc.rules))
    return out


def _at(src: SourceInfo, path: tuple[str | int, ...]) -> Location:
    return Location(src.file, *src.locate(path))


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
    known, read = rule_ids(ps), facts_read(ps)
    out: list[Scenario] = []
    for f in files:
        name = display_name(f)
        try:
            out += parse(read_text(f, name), name, f.parent, known, read)
        except PolicyError as exc:
            problems += exc.diagnostics
    return out, problems


def select(scenarios: Iterable[Scenario], keyword: str | None) -> list[Scenario]:
    """Scenarios whose file or name contains `keyword` (case-insensitive), as `pytest -k` does."""
    if not keyword:
        return list(scenarios)
    k = keyword.lower()
    return [s for s in scenarios if k in s.name.lower() or k in s.file.lower()]
