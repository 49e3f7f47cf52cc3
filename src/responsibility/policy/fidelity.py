"""Fidelity of an encoding to its source text.

The provisions of a regulation, in order and with their headings, must reproduce the source
text exactly, ignoring only whitespace and line breaks (the sources run articles together on
one line; the encoding splits them). Labels marked ``label_inferred`` are not printed in the
source, so they are left out of the reconstruction.

A reported practice (``status: practice``, e.g. a press feature) is not encoded whole: its
provisions are the passages that state the practice. For it the check is that the heading lines
and the provision texts are verbatim excerpts of the source, in the source's order and without
overlapping, again ignoring only whitespace. A regulation is always checked whole.

The loader runs :func:`check_sources` on every regulation that names a ``source``, so
``validate``, ``check`` and every other face refuse an encoding that has drifted from its text:
the first differing character is reported at its line and column in the YAML (E040), and a
source file that is missing or unreadable is a finding too (E041).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from responsibility.core import observe
from responsibility.core.codes import E005, E007, E040, E041
from responsibility.core.errors import Finding, Location, PolicyError
from responsibility.policy.model import Division, Provision, Regulation, Status, walk_provisions
from responsibility.policy.policyset import SourceInfo
from responsibility.policy.yamlfile import YamlPath, path_str, read_text

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """The text without any whitespace: the form in which encoding and source must agree."""
    return _WS.sub("", text)


@dataclass(frozen=True)
class Piece:
    """One printed value of the encoding and where it is in the YAML document."""

    text: str
    path: YamlPath
    what: str  # how a message names it: "provision art_3 (text)", "heading line 1"


def printed_lines(reg: Regulation) -> list[list[Piece]]:
    """The regulation as the encoding prints it, line by line: heading, divisions, provisions.

    Labels marked ``label_inferred`` are not printed. Divisions and provisions are walked
    iteratively in printed order (a division's provisions, then its sub-divisions).
    """
    lines = [[Piece(h, ("heading", i), f"heading line {i + 1}")] for i, h in enumerate(reg.heading)]
    lines += [_provision_line(p, ("provisions", i)) for i, p in enumerate(reg.provisions)]
    stack: list[tuple[Division, YamlPath]] = [
        (d, ("divisions", j)) for j, d in reversed(list(enumerate(reg.divisions)))
    ]
    while stack:
        div, path = stack.pop()
        title = [Piece(div.title.zh, (*path, "title", "zh"), f"division {div.id} (title)")]
        label = [Piece(div.label, (*path, "label"), f"division {div.id} (label)")] if div.label else []
        lines.append(label + title)
        lines += [_provision_line(p, (*path, "provisions", i)) for i, p in enumerate(div.provisions)]
        stack += [(sub, (*path, "divisions", j)) for j, sub in reversed(list(enumerate(div.divisions)))]
    return lines


def _provision_line(prov: Provision, path: YamlPath) -> list[Piece]:
    text = Piece(prov.text, (*path, "text"), f"provision {prov.id} (text)")
    if prov.label is None or prov.label_inferred:
        return [text]
    return [Piece(prov.label, (*path, "label"), f"provision {prov.id} (label)"), text]


def reconstruct(reg: Regulation) -> str:
    """The regulation's text as the encoding prints it: heading, then divisions and provisions."""
    return "\n".join(" ".join(p.text for p in line) for line in printed_lines(reg))


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


# -- the check the loader runs ------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """Where an encoding first departs from its source: the YAML value and the character in it."""

    piece: Piece
    offset: int  # in the value's non-whitespace characters
    source_at: int  # in the source's non-whitespace characters
    message: str


def first_difference(reg: Regulation, source_text: str) -> Difference | None:
    """None when the encoding reproduces (or, for a practice, excerpts) its source; else where not."""
    want = squash(source_text)
    if reg.status is Status.practice:
        return _first_excerpt_difference(reg, want)
    pieces = [p for line in printed_lines(reg) for p in line]
    got = "".join(squash(p.text) for p in pieces)
    if want == got:
        return None
    if not pieces:
        return Difference(Piece("", ("provisions",), "the regulation"), 0, 0, "the encoding holds no text")
    i = next((k for k, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got)))
    start, piece = 0, pieces[-1]
    for candidate in pieces:
        n = len(squash(candidate.text))
        if i < start + n:
            piece = candidate
            break
        start += n
    else:  # the difference is past the encoding's end: point just after its last character
        start = len(got) - len(squash(piece.text))
    if i >= len(got):
        what = f"the encoding ends in {piece.what}, where the source goes on"
    elif i >= len(want):
        what = f"{piece.what} goes on after the source ends"
    else:
        what = f"{piece.what} differs from the source"
    return Difference(piece, i - start, min(i, max(0, len(want) - 1)), what)


def _first_excerpt_difference(reg: Regulation, want: str) -> Difference | None:
    cursor = 0
    for line in printed_lines(reg):
        for piece in line:
            if piece.what.endswith("(label)") or piece.what.startswith("division"):
                continue  # a practice's excerpts are its heading lines and provision texts
            text = squash(piece.text)
            at = want.find(text, cursor)
            if at >= 0:
                cursor = at + len(text)
                continue
            if want.find(text) >= 0:
                return Difference(
                    piece,
                    0,
                    want.find(text),
                    f"{piece.what} is earlier in the source than the passage before it",
                )
            k, where = _longest_prefix(want, text, cursor)
            return Difference(piece, k, where + k, f"{piece.what} is not in the source")
    return None


def _longest_prefix(want: str, text: str, cursor: int) -> tuple[int, int]:
    """The longest prefix of `text` found in `want` after `cursor`: (its length, where it starts)."""
    lo, hi, where = 0, len(text), cursor
    while lo < hi:  # "the prefix of length n occurs" only gets harder as n grows: bisect it
        mid = (lo + hi + 1) // 2
        at = want.find(text[:mid], cursor)
        if at >= 0:
            lo, where = mid, at
        else:
            hi = mid - 1
    return lo, where


def _source_line(source_text: str, index: int) -> int:
    """The line of the source holding its `index`-th non-whitespace character (1-based)."""
    seen = 0
    for number, line in enumerate(source_text.splitlines(), 1):
        n = len(squash(line))
        if index < seen + n:
            return number
        seen += n
    return max(1, source_text.count("\n") + (0 if source_text.endswith("\n") else 1))


def locate_in_value(yaml_text: str, start: tuple[int, int], value: str, offset: int) -> tuple[int, int]:
    """Line and column in the YAML of the `offset`-th non-whitespace character of a scalar value.

    Scans the file from the value's mark, matching the value's characters in order and stepping
    over what is not part of the value (block indicators, quotes, escapes, line folding).
    """
    lines = yaml_text.splitlines()
    want = squash(value)
    j = 0
    row, col = start[0] - 1, start[1] - 1
    last = start
    while row < len(lines):
        line = lines[row]
        while col < len(line):
            c = line[col]
            if not c.isspace() and j < len(want) and c == want[j]:
                if j == offset:
                    return row + 1, col + 1
                j += 1
                last = (row + 1, col + 2)
                if j == len(want) and offset >= j:
                    return last
            col += 1
        row, col = row + 1, 0
    return last


def _context(text: str, at: int, back: int) -> str:
    return text[max(0, at - back) : at + 15]


def check_source(src: SourceInfo, reg: Regulation, yaml_file: Path) -> list[Finding]:
    """The source-text findings of one regulation read from `yaml_file` (none when it names no source)."""
    path = source_path(reg, yaml_file)
    if path is None:
        return []
    source_text, problem = _read_source(path, yaml_file.parent)
    if source_text is None:
        line, col = src.locate(("source",))
        hint = f"keep the text as received in {reg.source} beside the YAML, or remove source:"
        return [
            E041.finding(
                Location(src.file, line, col, "source"), f"source text {reg.source} {problem}", hint=hint
            )
        ]
    diff = first_difference(reg, source_text)
    if diff is None:
        return []
    want, got = squash(source_text), squash(diff.piece.text)
    y_line, y_col = src.locate(diff.piece.path)
    # the YAML was just read within the size limit; should that fail now, keep the value's mark
    with contextlib.suppress(PolicyError):
        yaml_text = read_text(yaml_file, src.file)
        y_line, y_col = locate_in_value(yaml_text, (y_line, y_col), diff.piece.text, diff.offset)
    s_line = _source_line(source_text, diff.source_at)
    back = min(10, diff.offset, diff.source_at)  # both excerpts start the same distance before it
    msg = (
        f"{diff.message}: {reg.source}:{s_line} has …{_context(want, diff.source_at, back)}…, "
        f"the encoding has …{_context(got, diff.offset, back)}…"
    )
    hint = f"the source text is the authority: copy the words from {reg.source} (only whitespace may differ)"
    return [E040.finding(Location(src.file, y_line, y_col, path_str(diff.piece.path)), msg, hint=hint)]


def _read_source(path: Path, folder: Path) -> tuple[str | None, str]:
    """The source text, or None and why it cannot be used. Only regular UTF-8 files beside the YAML,
    read through the one reader (a FIFO or device refused unopened, the size capped)."""
    try:
        if not observe.resolve(path).is_relative_to(observe.resolve(folder)):
            return None, "lies outside the regulation's folder; not read"
        if not observe.exists(path):
            return None, "does not exist"
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop met by resolve()
        return None, f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
    try:
        return read_text(path, str(path)), ""
    except PolicyError as exc:
        d = exc.diagnostics[0]
        return None, {E005.code: f"is not UTF-8: {d.message}", E007.code: f"is too large: {d.message}"}.get(
            d.code, d.message
        )


def _char(c: str) -> str:
    name = unicodedata.name(c, "")
    shown = "" if not name or name.startswith("CJK UNIFIED IDEOGRAPH") else f" {name}"
    return f"'{c}' (U+{ord(c):04X}{shown})"


def quote_mismatch(quote: str, text: str) -> str:
    """Where `quote` stops being a piece of `text`, in words, with the code points of the two
    characters that differ (a full-width comma looks like an ASCII one); '' when it is a piece.

    The longest start of the quote found in the text is taken as the place it was copied from.
    """
    if quote in text:
        return ""
    lo, hi = 0, len(quote)  # the longest prefix found: prefixes in the text are closed downward
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"its first character {_char(quote[0])} is not in the provision"
    at = text.find(quote[:lo]) + lo
    shown = quote[max(0, lo - 12) : lo]
    if at >= len(text):
        return f"the provision ends after …{shown}, where the quote goes on with {_char(quote[lo])}"
    return f"after …{shown} the quote has {_char(quote[lo])} where the provision has {_char(text[at])}"
