"""Waivers that cannot be silent: each names the rule, the target, the reason, who approved it
and when it expires.

A waiver file (``kind: waivers``) lists waivers; a waiver matches a finding whose rule code (or
name) and target are exactly those given. An expired or malformed waiver applies to nothing and
is itself a finding (W001, W002); ``--strict`` applies no waiver at all. Every output counts
waived findings apart from the rest, so a waived finding is never simply gone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from responsibility.core.codes import W001, W002
from responsibility.core.errors import Category, Finding, Location, LookupFailure, PolicyError, Rule
from responsibility.policy import shape
from responsibility.policy.policyset import SourceInfo
from responsibility.policy.yamlfile import display_name, load_text, read_text


@dataclass(frozen=True)
class Waiver:
    rule: str  # a rule code
    target: str
    reason: str
    approved_by: str
    expires: dt.date
    file: str
    line: int
    col: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.target)


@dataclass(frozen=True)
class Waived:
    finding: Finding
    waiver: Waiver


@dataclass
class WaiverFile:
    waivers: list[Waiver]
    findings: list[Finding]  # about the waivers themselves: expired, malformed


# -- the file's model ---------------------------------------------------------------------------
# Every problem of a waiver file is W002: a malformed waiver waives nothing and says so.
CODES = shape.Codes(
    unknown=W002,
    missing=W002,
    invalid=W002,
    shape=W002,
    see="a waiver names rule, target, reason, approved_by and expires (YYYY-MM-DD)",
)

# The file's own shape is told apart: a bare list of waivers (the commonest slip) is fixed by the
# wrapper, not by the waiver's fields.
FILE_CODES = replace(CODES, see="a waiver file is `kind: waivers` with the waivers listed under `waivers:`")


def _date(value: object) -> dt.date:
    """`expires` as the date it writes, or the waiver's own error at the value.

    The file is read with bad dates left as text (an impossible `2026-02-30` would otherwise stop
    the whole file at the YAML reader, every other finding with it): `2030-01-01`, quoted or not,
    is the date it writes; anything else (`soon`, `2026-02-30`, a number, a time) is refused here."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    scalar = isinstance(value, str | int | float | bool) or value is None
    shown = repr(value) if scalar else "a list or mapping"
    shown = shown if len(shown) <= 40 else f"{shown[:30]}…"
    raise shape.invalid(
        f"expires: {shown} is not a date; write YYYY-MM-DD",
        hint="the last day the waiver applies, e.g. expires: 2030-12-31",
        of_field=False,
        at_value=True,
    )


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class WaiverModel(BaseModel):
    """One waiver as written."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    rule: shape.Text
    target: shape.Text
    reason: shape.Text
    approved_by: shape.Text
    expires: Annotated[dt.date, BeforeValidator(_date)]

    @field_validator("rule")
    @classmethod
    def _waivable(cls, written: str, info: ValidationInfo) -> str:
        """The rule's code: a rule the registry knows (the context's `rule` finds it), and one
        whose findings can be waived."""
        try:
            found: Rule = (info.context or {})["rule"](written)
        except LookupFailure as exc:
            raise shape.invalid(f"names {exc}; it waives nothing", of_field=False) from None
        if found.category == Category.waiver:
            raise shape.invalid("waives a waiver finding, which cannot be waived", of_field=False)
        if found.category == Category.structural:  # structural findings always fail the run
            message = f"waives {found.code}, a structural finding, which cannot be waived; fix the file"
            raise shape.invalid(message, of_field=False)
        return found.code


class WaiverFileModel(BaseModel):
    """A `kind: waivers` document; each waiver is validated on its own (a bad one waives nothing,
    the others still apply)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    kind: Literal["waivers"]
    note: str | None = None
    schema_: str | None = Field(None, alias="$schema")
    waivers: list[Any]


FIELDS = tuple(WaiverModel.model_fields)


def read_waivers(path: Path, rule: Callable[[str], Rule]) -> WaiverFile:
    """Parse a waiver file; malformed entries become W002 findings, not exceptions.

    `rule` finds a rule by code or name (``responsibility.checks.rule``: the registry is above
    this module, so the caller passes it in), raising LookupFailure with the nearest ones.

    A file that cannot be read (not a regular file, too large, not UTF-8, not YAML) raises
    PolicyError with its structural error, as every unreadable input does. A file that reads but
    is not `kind: waivers` with a list of `waivers` (a bare list of waivers, say) is W002 findings
    and no waiver: like a malformed waiver, it waives nothing and says so, and the run goes on.
    """
    name = display_name(path)
    data, marks = load_text(read_text(path, name), name, bad_dates_as_text=True)
    try:
        doc = shape.validate(WaiverFileModel, data, name, marks, FILE_CODES)
    except PolicyError as exc:  # every problem of the file's model is a W002 (FILE_CODES)
        return WaiverFile([], list(exc.diagnostics))
    out = WaiverFile([], [])
    src = SourceInfo(name, marks)
    for i, item in enumerate(doc.waivers):
        here = ("waivers", i)
        try:
            w = shape.validate(WaiverModel, item, name, marks, CODES, base=here, context={"rule": rule})
        except PolicyError as exc:
            target = f"{item.get('rule', '')}:{item.get('target', '')}" if isinstance(item, dict) else ""
            out.findings += [replace(f, target=target) for f in exc.diagnostics]
            continue
        line, col = src.locate(here)
        out.waivers.append(Waiver(w.rule, w.target, w.reason, w.approved_by, w.expires, name, line, col))
    return out


def apply(
    findings: list[Finding], wf: WaiverFile | None, today: dt.date, strict: bool
) -> tuple[list[Finding], list[Waived], list[Finding], int]:
    """(findings kept, findings waived, findings about waivers, waivers refused under --strict)."""
    if wf is None:
        return findings, [], [], 0
    about = list(wf.findings)
    live: dict[tuple[str, str], Waiver] = {}
    for w in wf.waivers:
        if w.expires < today:
            about.append(
                W001.finding(
                    Location(w.file, w.line, w.col),
                    f"waiver of {w.rule} for {w.target} expired on {w.expires.isoformat()} "
                    f"(approved by {w.approved_by}); it waives nothing",
                    target=f"{w.rule}:{w.target}",
                    hint="fix what it covered and delete it, or have it approved again with a new date",
                )
            )
        else:
            live.setdefault(w.key, w)
    if strict:
        return findings, [], about, len(live)
    kept: list[Finding] = []
    waived: list[Waived] = []
    for f in findings:
        match = live.get((f.code, f.target))
        if match is None:
            kept.append(f)
        else:
            waived.append(Waived(f, match))
    return kept, waived, about, 0
