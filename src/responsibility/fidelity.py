"""Fidelity of an encoding to its source text.

The provisions of a regulation, in order and with their headings, must reproduce the source
text exactly, ignoring only whitespace and line breaks (the sources run articles together on
one line; the encoding splits them). Labels marked ``label_inferred`` are not printed in the
source, so they are left out of the reconstruction.

A reported practice (``status: practice``, e.g. a press feature) is not encoded whole: its
provisions are the passages that state the practice. For it the check is that the heading lines
and the provision texts are verbatim excerpts of the source, in the source's order and without
overlapping, again ignoring only whitespace. A regulation is always checked whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Division, Regulation, Status, walk_provisions

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """The text without any whitespace: the form in which encoding and source must agree."""
    return _WS.sub("", text)


def reconstruct(reg: Regulation) -> str:
    """The regulation's text as the encoding prints it: heading, then divisions and provisions."""
    parts: list[str] = list(reg.heading)
    for prov in reg.provisions:
        parts.append(_provision_text(prov.label, prov.label_inferred, prov.text))

    def visit(div: Division) -> None:
        parts.append(f"{div.label or ''}{div.title.zh}")
        for prov in div.provisions:
            parts.append(_provision_text(prov.label, prov.label_inferred, prov.text))
        for sub in div.divisions:
            visit(sub)

    for div in reg.divisions:
        visit(div)
    return "\n".join(parts)


def _provision_text(label: str | None, inferred: bool, text: str) -> str:
    return text if (label is None or inferred) else f"{label} {text}"


@dataclass(frozen=True)
class Mismatch:
    offset: int
    expected: str  # from the source
    found: str  # from the encoding

    detail: str = ""  # for excerpts: which excerpt is not in the source

    def __str__(self) -> str:
        if self.detail:
            return self.detail
        return f"differs at character {self.offset}: source has …{self.expected}… encoding has …{self.found}…"


def compare(reg: Regulation, source_text: str) -> Mismatch | None:
    """None when the encoding reproduces the source modulo whitespace, else the first difference.

    For a reported practice: None when every heading line and provision text is an excerpt of the
    source, in order (see :func:`compare_excerpts`).
    """
    if reg.status is Status.practice:
        return compare_excerpts(reg, source_text)
    want, got = squash(source_text), squash(reconstruct(reg))
    if want == got:
        return None
    i = next((k for k, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got)))
    return Mismatch(i, want[max(0, i - 15) : i + 25], got[max(0, i - 15) : i + 25])


def excerpts(reg: Regulation) -> list[tuple[str, str]]:
    """(what, text) of every passage a practice encodes: its heading lines, then its provisions."""
    out = [(f"heading line {i + 1}", line) for i, line in enumerate(reg.heading)]
    return out + [(f"provision {p.id}", p.text) for p, _ in walk_provisions(reg)]


def compare_excerpts(reg: Regulation, source_text: str) -> Mismatch | None:
    """None when each passage occurs in the source after the previous one, modulo whitespace."""
    want = squash(source_text)
    cursor = 0
    if not any(True for _ in walk_provisions(reg)):
        return Mismatch(0, "", "", "a practice encodes no passage: add the provisions it reports")
    for what, text in excerpts(reg):
        piece = squash(text)
        at = want.find(piece, cursor)
        if at < 0:
            anywhere = want.find(piece)
            why = (
                "is earlier in the source than the passage before it"
                if anywhere >= 0
                else "is not in the source"
            )
            return Mismatch(cursor, want[cursor : cursor + 25], piece[:25], f"{what} {why}: …{piece[:25]}…")
        cursor = at + len(piece)
    return None


def source_path(reg: Regulation, yaml_file: Path) -> Path | None:
    """The source text kept beside the regulation's YAML, if it names one."""
    return None if reg.source is None else yaml_file.parent / reg.source
