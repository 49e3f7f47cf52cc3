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

Unknown keys, unknown rule codes, unknown severities and values of the wrong type or out of
range are usage errors (exit 2) of the form ``file:line:col: key: message; fix``, naming the
nearest valid value where there is one. ``grace-days`` is 0 to :data:`MAX_GRACE_DAYS`; the
configuration file is at most 1 MB (``docs/guide/cli.md``, "Limits").

Structural rules (``E``) are always in force, as a syntax error is in ruff: ``select`` and
``ignore`` do not turn them off, and re-grading one under ``severity`` is a usage error. A policy
that does not load cannot pass.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from responsibility.core.errors import PolicyError, Severity
from responsibility.policy.policyset import suggest
from responsibility.policy.yamlfile import read_text

from . import BY_NAME, RULES, Category, Rule

KEYS = ("select", "ignore", "fail-on", "waivers", "grace-days", "docs-url", "severity", "exclude")
DEFAULT_DOCS_URL = "docs/rules/"
MAX_GRACE_DAYS = 366  # a grace longer than a year would let one year's artefact fill the next
MAX_CONFIG_BYTES = 1024 * 1024
MAX_TOML_DEPTH = 32  # a configuration nests two or three levels


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
        if py.is_file() and "responsibility" in _read(py)[0].get("tool", {}):
            return py
    return None


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed TOML and its text; errors name the file and, where TOML gives it, the place."""
    try:
        text = read_text(path, str(path), MAX_CONFIG_BYTES)
    except PolicyError as exc:
        d = exc.diagnostics[0]
        fix = f"; {d.hint}" if d.hint else ""
        raise ConfigError(f"{d.file}:{d.line}:{d.column}: {d.message}{fix}") from None
    too_deep = _too_deep(text)
    if too_deep is not None:
        deep_line = text.count("\n", 0, too_deep) + 1
        deep_col = too_deep - (text.rfind("\n", 0, too_deep) + 1) + 1
        raise ConfigError(
            f"{path}:{deep_line}:{deep_col}: "
            f"arrays and inline tables nested deeper than {MAX_TOML_DEPTH} levels"
        )
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)|\(at end of document\)", str(exc))
        line, col = (m.group(1), m.group(2)) if m and m.group(1) else (str(text.count("\n") + 1), "1")
        msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ConfigError(f"{path}:{line}:{col}: not valid TOML: {msg}") from None


_TOML_STRING = re.compile(
    r'''"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\#[^\n]*''', re.S
)


def _too_deep(text: str) -> int | None:
    """The offset where `[`/`{` nesting (outside strings and comments) first exceeds
    MAX_TOML_DEPTH, or None: tomllib recurses once per level and would reach Python's limit."""
    depth = 0
    pos = 0
    for m in re.finditer(r"""[\[\]{}]|["'#]""", text):
        if m.start() < pos:  # inside a string or comment already skipped
            continue
        ch = m.group()
        if ch in "\"'#":
            skipped = _TOML_STRING.match(text, m.start())
            pos = skipped.end() if skipped else m.end()
            continue
        depth += 1 if ch in "[{" else -1
        if depth > MAX_TOML_DEPTH:
            return m.start()
    return None


def load_config(path: Path | None) -> Config:
    """Parse one configuration file (None: the defaults)."""
    if path is None:
        return Config()
    data, text = _read(path)
    tool = data.get("tool", {})
    table = tool.get("responsibility") if isinstance(tool, dict) else None
    if table is None:
        if path.name == "pyproject.toml":
            return Config(source=path)
        table = data
    src = _Source(path, text, "tool.responsibility" if table is not data else "")
    if not isinstance(table, dict):
        raise ConfigError(src.fail("tool.responsibility", "must be a table", "write [tool.responsibility]"))
    return _parse(table, src)


class _Source:
    """Where a key is written, for messages: `file:line:col: key: ...` (TOML keeps no marks, so
    the key is found in the text of its table; line 1 when it cannot be)."""

    def __init__(self, path: Path, text: str, table: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.table = table

    def at(self, key: str) -> str:
        line, col = self.locate(key)
        return f"{self.path}:{line}:{col}: {key}"

    def fail(self, key: str, message: str, fix: str = "") -> str:
        return f"{self.at(key)}: {message}" + (f"; {fix}" if fix else "")

    def locate(self, key: str) -> tuple[int, int]:
        *tables, leaf = [self.table, *key.split(".")] if self.table else key.split(".")
        header = ".".join(t for t in tables if t)
        start = 0
        for tbl in (header, self.table):  # the key's own table, else its parent's
            at = self._header(tbl)
            if at is not None:
                start = at
                break
        pattern = re.compile(rf"^(\s*)[\"']?{re.escape(leaf)}[\"']?\s*=")
        for i in range(start, len(self.lines)):
            m = pattern.match(self.lines[i])
            if m:
                return i + 1, len(m.group(1)) + 1
        return 1, 1

    def _header(self, table: str) -> int | None:
        if not table:
            return 0
        want = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        return next((i for i, ln in enumerate(self.lines) if want.match(ln)), None)


def _parse(table: dict[str, Any], src: _Source) -> Config:
    for key in table:
        if key not in KEYS:
            near = suggest(key, KEYS)
            raise ConfigError(
                src.fail(key, f"unknown key '{key}'" + (f"; did you mean {near[0]}?" if near else ""))
            )
    cfg = Config(source=src.path)
    sel = tuple(_validate_selector(str(s), src.at("select")) for s in _strings(table, "select", src))
    ign = tuple(_validate_selector(str(s), src.at("ignore")) for s in _strings(table, "ignore", src))
    severities = table.get("severity", {})
    if not isinstance(severities, dict):
        raise ConfigError(
            src.fail(
                "severity",
                f"must be a table of rule codes, not {severities!r}",
                'write [severity] then C003 = "error"',
            )
        )
    sev: dict[str, Severity] = {}
    for code, value in severities.items():
        key = _rule_code(code, src)
        if RULES[key].category == Category.structural:
            raise ConfigError(
                src.fail(
                    f"severity.{code}",
                    f"{key} is structural and always an error",
                    "fix the file instead of re-grading the rule",
                )
            )
        sev[key] = _severity(value, src, f"severity.{code}")
    fail_on = _severity(table.get("fail-on", "error"), src, "fail-on")
    return replace(
        cfg,
        select=sel,
        ignore=ign,
        severity=sev,
        fail_on=fail_on,
        waivers=_waivers(table.get("waivers"), src),
        grace_days=_grace(table.get("grace-days", 0), src),
        docs_url=_text(table.get("docs-url", DEFAULT_DOCS_URL), src, "docs-url"),
        exclude=tuple(_globs(table, src)),
    )


def _grace(value: object, src: _Source) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_GRACE_DAYS:
        raise ConfigError(
            src.fail("grace-days", f"{value!r} is not a whole number of days from 0 to {MAX_GRACE_DAYS}")
        )
    return value


def _globs(table: dict[str, Any], src: _Source) -> list[str]:
    value = table.get("exclude", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip("/ ") for v in value):
        raise ConfigError(
            src.fail("exclude", "must be a list of paths or globs", 'exclude = ["tests/fixtures"]')
        )
    return value


def _text(value: object, src: _Source, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(src.fail(key, f"must be a non-empty string, not {value!r}"))
    return value


def _waivers(value: object, src: _Source) -> Path | None:
    """The waiver file, relative to the configuration file; it must be a file (checked here, so
    the message names the key and the configuration rather than a bare path)."""
    if value is None:
        return None
    path = src.path.parent / _text(value, src, "waivers")
    if not path.is_file():
        why = (
            "is a directory" if path.is_dir() else "does not exist" if not path.exists() else "is not a file"
        )
        raise ConfigError(
            src.fail("waivers", f"{path} {why}", "name the waiver file, relative to this configuration file")
        )
    return path


def _strings(table: dict[str, Any], key: str, src: _Source) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(src.fail(key, "must be a list of rule codes or names", f'{key} = ["E", "C001"]'))
    return value


def _rule_code(code: str, src: _Source) -> str:
    if code.upper() in RULES:
        return code.upper()
    if code in BY_NAME:
        return BY_NAME[code].code
    near = suggest(code, [*RULES, *BY_NAME])
    raise ConfigError(
        src.fail(
            f"severity.{code}",
            f"unknown rule '{code}'" + (f"; did you mean {', '.join(near)}?" if near else ""),
        )
    )


def _severity(value: object, src: _Source, key: str) -> Severity:
    try:
        return Severity(str(value)) if isinstance(value, str) else Severity("?")
    except ValueError:
        raise ConfigError(
            src.fail(key, f"{value!r} is not a severity", "use error, warning or info")
        ) from None
