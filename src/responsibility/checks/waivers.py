"""Waivers that cannot be silent: each names the rule, the target, the reason, who approved it
and when it expires.

A waiver file (``kind: waivers``) lists waivers; a waiver matches a finding whose rule code (or
name) and target are exactly those given. An expired or malformed waiver applies to nothing and
is itself a finding (W001, W002); ``--strict`` applies no waiver at all. Every output counts
waived findings apart from the rest, so a waived finding is never simply gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from responsibility.core.codes import W001, W002
from responsibility.core.errors import Category, Finding, Location, LookupFailure, PolicyError, Rule
from responsibility.policy.yamlfile import display_name, load_text, read_text

FIELDS = ("rule", "target", "reason", "approved_by", "expires")


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


def read_waivers(path: Path, rule: Callable[[str], Rule]) -> WaiverFile:
    """Parse a waiver file; malformed entries become W002 findings, not exceptions.

    `rule` finds a rule by code or name (``responsibility.checks.rule``: the registry is above
    this module, so the caller passes it in), raising LookupFailure with the nearest ones.

    A file that cannot be read as a whole (not a regular file, too large, not UTF-8, not YAML,
    not `kind: waivers`) raises PolicyError with its position.
    """
    name = display_name(path)
    data, marks = load_text(read_text(path, name), name)
    if (
        not isinstance(data, dict)
        or data.get("kind") != "waivers"
        or not isinstance(data.get("waivers"), list)
    ):
        raise PolicyError(
            [
                W002.finding(
                    Location(name, 1, 1),
                    "a waiver file is a mapping with kind: waivers and waivers: [...]",
                    hint="see `responsibility rule W002`",
                )
            ]
        )
    out = WaiverFile([], [])
    for i, item in enumerate(data["waivers"]):
        line, col = marks.get(("waivers", i), (1, 1))
        problem, waiver = _parse(item, name, line, col, rule)
        if problem:
            target = f"{item.get('rule', '')}:{item.get('target', '')}" if isinstance(item, dict) else ""
            out.findings.append(
                W002.finding(
                    Location(name, line, col),
                    f"waiver {i + 1} {problem}; it waives nothing",
                    target=target,
                    hint="a waiver names rule, target, reason, approved_by and expires (YYYY-MM-DD)",
                )
            )
        elif waiver is not None:
            out.waivers.append(waiver)
    return out


def _parse(
    item: object, name: str, line: int, col: int, rule: Callable[[str], Rule]
) -> tuple[str, Waiver | None]:
    if not isinstance(item, dict):
        return "is not a mapping", None
    extra = sorted(set(item) - set(FIELDS))
    if extra:
        return f"has unknown field(s) {', '.join(map(str, extra))}", None
    missing = [k for k in FIELDS if item.get(k) in (None, "")]
    if missing:
        return f"lacks {', '.join(missing)}", None
    try:
        found = rule(str(item["rule"]))
    except LookupFailure as exc:
        return f"names {exc}", None
    code = found.code
    if found.category == Category.waiver:
        return "waives a waiver finding, which cannot be waived", None
    if found.category == Category.structural:  # structural findings always fail the run (checks.config)
        return f"waives {code}, a structural finding, which cannot be waived; fix the file", None
    expires = item["expires"]
    if not isinstance(expires, dt.date):
        try:
            expires = dt.date.fromisoformat(str(expires))
        except ValueError:
            return f"has expires '{expires}', not a date (YYYY-MM-DD)", None
    waiver = Waiver(
        code, str(item["target"]), str(item["reason"]), str(item["approved_by"]), expires, name, line, col
    )
    return "", waiver


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
