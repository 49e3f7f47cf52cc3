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

The file is read as a pydantic model (:class:`ConfigModel`, strict: ``grace-days = "12"`` is an
error, not 12) through the validation every input shares. Unknown keys (E010), unknown rule codes,
unknown severities and values of the wrong type or out of range (E011) are usage errors (exit 2)
of the form ``file:line:col: CODE message (at key); fix``, naming the nearest valid value where
there is one. ``grace-days`` is 0 to :data:`MAX_GRACE_DAYS`; the
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
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    ValidationInfo,
)

from responsibility.core import observe
from responsibility.core.codes import E010, E011, E012, E013
from responsibility.core.errors import Finding, Location, PolicyError, Severity
from responsibility.policy import shape
from responsibility.policy.policyset import suggest
from responsibility.policy.yamlfile import Marks, read_text

from . import BY_NAME, RULES, Category, Rule

DEFAULT_DOCS_URL = "docs/rules/"
MAX_GRACE_DAYS = 366  # a grace longer than a year would let one year's artefact fill the next
MAX_CONFIG_BYTES = 1024 * 1024
MAX_TOML_DEPTH = 32  # a configuration nests two or three levels


class ConfigError(ValueError):
    """A configuration problem: the CLI reports it and exits 2. A problem in the file carries its
    findings (`file:line:col: CODE message (at key); fix`); one in a command-line option, its text."""

    def __init__(self, message: str = "", findings: list[Finding] | None = None) -> None:
        self.findings = sorted(findings or [])
        super().__init__(message or "\n".join(f.format() for f in self.findings))


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
    here = observe.resolve(start)
    for d in [here, *here.parents] if observe.is_dir(here) else list(here.parents):
        own = d / "responsibility.toml"
        if observe.is_file(own):
            return own
        py = d / "pyproject.toml"
        if observe.is_file(py) and "responsibility" in _read(py)[0].get("tool", {}):
            return py
    return None


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed TOML and its text; errors name the file and, where TOML gives it, the place."""
    try:
        text = read_text(path, str(path), MAX_CONFIG_BYTES)
    except PolicyError as exc:
        raise ConfigError(findings=exc.diagnostics) from None
    too_deep = _too_deep(text)
    if too_deep is not None:
        deep_line = text.count("\n", 0, too_deep) + 1
        deep_col = too_deep - (text.rfind("\n", 0, too_deep) + 1) + 1
        raise ConfigError(
            findings=[
                E013.finding(
                    Location(str(path), deep_line, deep_col),
                    f"arrays and inline tables nested deeper than {MAX_TOML_DEPTH} levels",
                    hint="a configuration needs two or three levels: flatten it",
                )
            ]
        )
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)|\(at end of document\)", str(exc))
        line, col = (m.group(1), m.group(2)) if m and m.group(1) else (str(text.count("\n") + 1), "1")
        msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ConfigError(
            findings=[
                E013.finding(
                    Location(str(path), int(line), int(col)),
                    f"not valid TOML: {msg}",
                    hint="see the keys and their values in docs/guide/cli.md, Configuration",
                )
            ]
        ) from None


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
    base: tuple[str, ...] = ("tool", "responsibility") if table is not data else ()
    marks = src.marks(table, base)
    context = {"folder": path.parent}
    try:
        model = shape.validate(ConfigModel, table, str(path), marks, CODES, base=base, context=context)
    except PolicyError as exc:  # a usage error (exit 2), positioned like every input's
        raise ConfigError(findings=exc.diagnostics) from None
    return Config(
        select=tuple(model.select),
        ignore=tuple(model.ignore),
        severity=dict(model.severity),
        fail_on=model.fail_on,
        waivers=path.parent / model.waivers if model.waivers is not None else None,
        grace_days=model.grace_days,
        docs_url=model.docs_url,
        source=path,
        exclude=tuple(model.exclude),
    )


class _Source:
    """Where a key is written, for messages: `file:line:col: key: ...` (TOML keeps no marks, so
    the key is found in the text of its table; line 1 when it cannot be)."""

    def __init__(self, path: Path, text: str, table: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.table = table

    def marks(self, table: dict[str, Any], base: tuple[str, ...]) -> Marks:
        """The position of each key of `table` and of the tables in it, as the YAML reader gives
        them, so the one validation reports both formats alike."""
        marks: Marks = {base: self._table_at()}
        for key, value in table.items():
            marks[(*base, key)] = self.locate(key)
            if isinstance(value, dict):
                for sub in value:
                    marks[(*base, key, sub)] = self.locate(f"{key}.{sub}")
        return marks

    def _table_at(self) -> tuple[int, int]:
        at = self._header(self.table)
        return (at + 1, 1) if at is not None else (1, 1)

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


# -- the file's model ---------------------------------------------------------------------------
# The configuration's problems are reported under the rules of a policy file's shape: a key it
# does not know (E010), a value of the wrong type or outside the allowed ones (E011).
CODES = shape.Codes(
    unknown=E010,
    missing=E012,
    invalid=E011,
    shape=E011,
    see="see the keys in docs/guide/cli.md, Configuration",
)


def _selector(sel: str) -> str:
    """A code, code prefix or rule name that matches some rule."""
    if sel in BY_NAME or any(code.startswith(sel.upper()) for code in RULES):
        return sel
    near = suggest(sel, [*RULES, *BY_NAME])
    hint = f"did you mean {', '.join(near)}?" if near else 'write a code, a prefix or a name: ["E", "C001"]'
    raise shape.invalid(f"no rule matches '{sel}'", hint=hint, of_field=False)


def _rule_code(code: str) -> str:
    """A rule's code, from its code or name; a structural rule cannot be re-graded."""
    found = RULES.get(code.upper()) or BY_NAME.get(code)
    if found is None:
        near = suggest(code, [*RULES, *BY_NAME])
        hint = f"did you mean {', '.join(near)}?" if near else "see `responsibility rule`"
        raise shape.invalid(f"unknown rule '{code}'", hint=hint, of_field=False)
    if found.category == Category.structural:
        hint = "fix the file instead of re-grading the rule"
        raise shape.invalid(f"{found.code} is structural and always an error", hint=hint, of_field=False)
    return found.code


def _glob(pattern: str) -> str:
    if not pattern.strip("/ "):
        raise shape.invalid(f"{pattern!r} names no path", hint='exclude = ["tests/fixtures"]', of_field=False)
    return pattern


def _waiver_file(value: str, info: ValidationInfo) -> str:
    """The waiver file, relative to the configuration file; it must be a file (checked here, so
    the message names the key and the configuration rather than a bare path)."""
    path: Path = (info.context or {}).get("folder", Path(".")) / value
    if not observe.is_file(path):
        why = (
            "is a directory"
            if observe.is_dir(path)
            else "does not exist"
            if not observe.exists(path)
            else "is not a file"
        )
        hint = "name the waiver file, relative to this configuration file"
        raise shape.invalid(f"{path} {why}", hint=hint, of_field=False)
    return value


Grade = Annotated[Severity, Field(strict=False)]  # written as its value: error, warning, info


class ConfigModel(BaseModel):
    """`[tool.responsibility]` in pyproject.toml, or responsibility.toml (see the module's doc)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    select: list[Annotated[StrictStr, AfterValidator(_selector)]] = []
    ignore: list[Annotated[StrictStr, AfterValidator(_selector)]] = []
    fail_on: Grade = Field(Severity.error, alias="fail-on")
    waivers: Annotated[shape.Text, AfterValidator(_waiver_file)] | None = None
    grace_days: int = Field(0, ge=0, le=MAX_GRACE_DAYS, alias="grace-days")
    docs_url: shape.Text = Field(DEFAULT_DOCS_URL, alias="docs-url")
    severity: dict[Annotated[str, AfterValidator(_rule_code)], Grade] = {}
    exclude: list[Annotated[StrictStr, AfterValidator(_glob)]] = []


KEYS = tuple(f.alias or n for n, f in ConfigModel.model_fields.items())
