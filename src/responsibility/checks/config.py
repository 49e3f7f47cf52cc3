"""Configuration of the checker: ``[tool.responsibility]`` in pyproject.toml, or responsibility.toml.

The nearest directory at or above the starting point that holds ``responsibility.toml`` (its
top-level keys, or its ``[tool.responsibility]`` table) or a ``pyproject.toml`` with a
``[tool.responsibility]`` table is the configuration; ``responsibility.toml`` wins in the same
directory. Keys::

    select = ["E", "C"]            # codes, code prefixes or names; default: every rule
    ignore = ["C007"]
    fail-on = "warning"            # error (default) | warning | info
    waivers = "waivers.yaml"       # relative to the configuration file
    grace-days = 30                # evidence: days after a period ends before an artefact is late
    docs-url = "https://example.org/responsibility/docs/rules/"   # base of the SARIF helpUri
    exclude = ["tests/fixtures"]   # folders or files a directory walk does not enter (globs,
                                   # relative to the configuration file); named paths are read

    [tool.responsibility.severity]  # (in responsibility.toml: [severity])
    C003 = "error"

Unknown keys, unknown rule codes and unknown severities are usage errors (exit 2) naming the
file and the nearest valid value.

Structural rules (``E``) are always in force, as a syntax error is in ruff: ``select`` and
``ignore`` do not turn them off, and re-grading one under ``severity`` is a usage error. A policy
that does not load cannot pass.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import Severity
from ..policyset import suggest
from . import BY_NAME, RULES, Category, Rule

KEYS = ("select", "ignore", "fail-on", "waivers", "grace-days", "docs-url", "severity", "exclude")
DEFAULT_DOCS_URL = "docs/rules/"


class ConfigError(ValueError):
    """A configuration problem: the CLI reports it and exits 2."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.error
    waivers: Path | None = None
    grace_days: int = 0
    docs_url: str = DEFAULT_DOCS_URL
    source: Path | None = None
    exclude: tuple[str, ...] = ()

    def excluded(self, path: Path) -> bool:
        """Whether a directory walk passes over `path`: it matches an `exclude` glob, taken
        relative to the configuration file's folder (`*` also crosses `/`, as in fnmatch)."""
        if not self.exclude or self.source is None:
            return False
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.source.parent))
        if rel.startswith(".."):
            return False
        rel = Path(rel).as_posix()
        return any(fnmatch.fnmatchcase(rel, pat.strip("/")) for pat in self.exclude)

    def selected(self) -> list[Rule]:
        """The rules in force, with severity overrides applied, in code order.

        Structural rules are always in force at their own severity (error), whatever select,
        ignore or severity say: a file that does not load must fail the run.
        """
        chosen = [r for r in RULES.values() if _matches(r, self.select or ("",))]
        chosen = [r for r in chosen if not (self.ignore and _matches(r, self.ignore))]
        chosen = [r for r in chosen if r.category != Category.structural]
        graded = [replace(r, severity=self.severity.get(r.code, r.severity)) for r in chosen]
        return sorted([*structural_rules(), *graded], key=lambda r: r.code)

    def merged(self, **overrides: Any) -> Config:
        """This configuration with command-line values (None means: not given) on top."""
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in ("select", "ignore"):
            if key in given:
                given[key] = tuple(_validate_selector(s, "--" + key) for s in given[key])
        return replace(self, **given)


def structural_rules() -> list[Rule]:
    """The rules no configuration turns off or re-grades."""
    return [r for r in RULES.values() if r.category == Category.structural]


def _matches(rule: Rule, selectors: tuple[str, ...]) -> bool:
    return any(rule.code.startswith(s.upper()) or rule.name == s for s in selectors)


def _validate_selector(sel: str, where: str) -> str:
    if sel in BY_NAME or any(code.startswith(sel.upper()) for code in RULES):
        return sel
    near = suggest(sel, [*RULES, *BY_NAME])
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise ConfigError(f"{where}: no rule matches '{sel}'{hint}")


def find_config(start: Path) -> Path | None:
    """The configuration file that applies at `start`, or None."""
    here = start.resolve()
    for d in [here, *here.parents] if here.is_dir() else list(here.parents):
        own = d / "responsibility.toml"
        if own.is_file():
            return own
        py = d / "pyproject.toml"
        if py.is_file() and "responsibility" in _read(py).get("tool", {}):
            return py
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load_config(path: Path | None) -> Config:
    """Parse one configuration file (None: the defaults)."""
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("responsibility")
    if table is None:
        if path.name == "pyproject.toml":
            return Config(source=path)
        table = data
    return _parse(table, path)


def _parse(table: dict[str, Any], path: Path) -> Config:
    for key in table:
        if key not in KEYS:
            near = suggest(key, KEYS)
            raise ConfigError(f"{path}: unknown key '{key}'" + (f"; did you mean {near[0]}?" if near else ""))
    where = str(path)
    cfg = Config(source=path)
    sel = tuple(_validate_selector(str(s), where) for s in _strings(table, "select", where))
    ign = tuple(_validate_selector(str(s), where) for s in _strings(table, "ignore", where))
    sev: dict[str, Severity] = {}
    for code, value in dict(table.get("severity", {})).items():
        key = _rule_code(code, where)
        if RULES[key].category == Category.structural:
            raise ConfigError(
                f"{where}: severity.{code}: {key} is structural and always an error; "
                "fix the file instead of re-grading the rule"
            )
        sev[key] = _severity(value, f"{where}: severity.{code}")
    fail_on = _severity(table.get("fail-on", "error"), f"{where}: fail-on")
    waivers = table.get("waivers")
    grace = table.get("grace-days", 0)
    if not isinstance(grace, int) or grace < 0:
        raise ConfigError(f"{where}: grace-days must be a whole number of days ≥ 0")
    return replace(
        cfg,
        select=sel,
        ignore=ign,
        severity=sev,
        fail_on=fail_on,
        waivers=(path.parent / str(waivers)) if waivers else None,
        grace_days=grace,
        docs_url=str(table.get("docs-url", DEFAULT_DOCS_URL)),
        exclude=tuple(_globs(table, where)),
    )


def _strings(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of rule codes or names")
    return value


def _globs(table: dict[str, Any], where: str) -> list[str]:
    value = table.get("exclude", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip("/ ") for v in value):
        raise ConfigError(f'{where}: exclude must be a list of paths or globs, e.g. ["tests/fixtures"]')
    return value


def _rule_code(code: str, where: str) -> str:
    if code.upper() in RULES:
        return code.upper()
    if code in BY_NAME:
        return BY_NAME[code].code
    near = suggest(code, [*RULES, *BY_NAME])
    raise ConfigError(
        f"{where}: unknown rule '{code}'" + (f"; did you mean {', '.join(near)}?" if near else "")
    )


def _severity(value: object, where: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise ConfigError(f"{where}: '{value}' is not a severity; use error, warning or info") from None
