"""Strict, safe reading of user files: YAML with source positions, and CSV.

Every file a user names (policies, catalogues, rules, scenarios, facts, evidence manifests,
waivers, configuration) is read through :func:`read_bytes` / :func:`read_text`: a regular file
only (a FIFO, device or directory is refused without being opened for reading), at most a given
number of bytes (refused before reading), and UTF-8 with the position of the first bad byte.
The bounds are documented in ``docs/guide/cli.md`` ("Limits").

PyYAML's composer (libyaml-backed when available) builds a node tree that still carries line
and column marks; we turn nodes into plain Python values ourselves so that we can:

* reject duplicate keys (PyYAML silently keeps the last one);
* reject every tag outside the YAML core schema (``!!python/object`` would build objects);
* reject anchors and aliases, which policy files never need and which make alias bombs possible;
* remember where every value came from, so later errors point at ``file:line:col``;
* refuse nesting deeper than :data:`MAX_DEPTH`, numbers longer than :data:`MAX_NUMBER_CHARS`
  and impossible dates with a positioned error, before Python's own limits are reached.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import hashlib
import io
import os
import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate, islice
from typing import Any, Protocol

import yaml

from responsibility.core import observe
from responsibility.core.codes import E001, E002, E003, E004, E005, E006, E007, E009, E011
from responsibility.core.errors import Location, PolicyError, Rule
from responsibility.policy import cache

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

LIBYAML: bool = getattr(yaml, "__with_libyaml__", False)
MAX_BYTES = 4 * 1024 * 1024  # policy files are tens of KB; refuse before parsing anything huge
# Policy documents are about 11 levels deep; libyaml itself stops at 1000, our converter (which
# recurses) and every later reader are safe far below Python's recursion limit at 64.
MAX_DEPTH = 64
# An integer of 5,000 digits costs quadratic time to convert (Python refuses at 4,300); no policy
# or fact needs more than a few dozen characters for a number.
MAX_NUMBER_CHARS = 40
# The csv module refuses fields over 131,072 characters; ours is the documented, lower bound.
MAX_CSV_FIELD = 65_536

YamlPath = tuple[str | int, ...]  # a value's place in a document: ("divisions", 0, "id")
Marks = dict[YamlPath, tuple[int, int]]
Positions = Mapping[YamlPath, tuple[int, int]]  # marks, or marks worked out when asked (LazyMarks)

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def display_name(path: str | os.PathLike[str]) -> str:
    """A path relative to the working directory where it is below it, so output is portable."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def path_str(path: YamlPath) -> str:
    """`divisions[0].provisions[3].duties[1].quote` — how a path is shown to authors."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _error(name: str, line: int, col: int, code: Rule, msg: str, hint: str = "") -> PolicyError:
    return PolicyError([code.finding(Location(name, line, col), msg, hint=hint)])


# Byte order marks of the encodings Windows Notepad calls "Unicode" (the UTF-32 ones first: the
# little-endian UTF-32 mark begins with the UTF-16 one).
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\xfe\xff", "UTF-16BE"),
    (b"\xff\xfe", "UTF-16LE"),
)


def wide_text(raw: bytes) -> bool:
    """Whether `raw` looks like text saved as UTF-16 or UTF-32: their byte order mark, or a NUL
    byte, which every ASCII character has in them and no UTF-8 text (nor YAML, nor CSV) holds.
    Such a file cannot be read at all as UTF-8, not even to see what it declares."""
    return raw.startswith(tuple(bom for bom, _ in _WIDE_BOMS)) or b"\x00" in raw


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a leading byte order mark dropped), or an error at the first byte that is not
    UTF-8 (or at the start of a file saved as UTF-16 or UTF-32, which is named as such). A
    workbook (an .xlsx, which is a ZIP archive, or an .xls) is named as one at its start, and text
    that reads as GB18030, which Excel and Notepad save on Chinese Windows, is named so."""
    for signature, what in _CONTAINERS:
        if raw.startswith(signature):
            marks = " ".join(f"{b:02X}" for b in signature)
            said = f"not UTF-8: the file is {what} (signature {marks})"
            raise _error(name, 1, 1, E005, said, EXPORT_CSV)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        if wide_text(raw):
            raise _wide(raw, name) from None
        line, col = _byte_position(raw, exc.start)
        said = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})"
        if _gb18030(raw):
            said += ": the file looks GBK/GB18030-encoded, as Excel saves CSV on Chinese Windows"
        hint = SAVE_UTF8 if _gb18030(raw) else "save the file as UTF-8"
        raise _error(name, line, col, E005, said, hint) from None
    if "\x00" in text:  # valid UTF-8, but NUL bytes: UTF-16 or UTF-32 without a byte order mark
        raise _wide(raw, name)
    return text


# The signatures of the files a spreadsheet saves that are not text: a ZIP archive (an .xlsx, an
# .ods; and any zipped file) and an OLE2 compound file (an Excel 97-2003 .xls, a WPS .et).
_CONTAINERS = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zipped file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls) or another OLE2 file"),
)
EXPORT_CSV = "export it as CSV UTF-8 (请在 Excel 中另存为「CSV UTF-8（逗号分隔）」)"
SAVE_UTF8 = "save it as UTF-8 (Excel: 另存为「CSV UTF-8（逗号分隔）」; Notepad: 另存为, 编码 UTF-8)"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _gb18030(raw: bytes) -> bool:
    """Whether `raw`, not UTF-8, reads as Chinese text in GB18030 (GBK is a subset of it): every
    byte decodes, and at least one character is a CJK ideograph."""
    try:
        return _CJK.search(raw.decode("gb18030")) is not None
    except UnicodeDecodeError:
        return False


def _byte_position(raw: bytes, at: int) -> tuple[int, int]:
    """The line and column (in bytes) of byte `at`."""
    before = raw[:at]
    return before.count(b"\n") + 1, at - (before.rfind(b"\n") + 1) + 1


def _wide(raw: bytes, name: str) -> PolicyError:
    """E005 for text saved as UTF-16 or UTF-32: at its byte order mark, or its first NUL byte."""
    hint = "save the file as UTF-8 (in Notepad: Save as, Encoding UTF-8)"
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            marks = " ".join(f"{b:02X}" for b in bom)
            said = f"not UTF-8: the file is {encoding} (byte order mark {marks})"
            return _error(name, 1, 1, E005, said, hint)
    line, col = _byte_position(raw, raw.index(b"\x00"))
    return _error(
        name, line, col, E005, "not UTF-8: a NUL byte, as in a file saved as UTF-16 or UTF-32", hint
    )


def read_bytes(path: str | os.PathLike[str], name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a user file, or a positioned error (E009 unreadable, E007 too large).

    Anything that is not a regular file (a FIFO would block for ever, ``/dev/zero`` never ends)
    is refused from its ``stat`` without being opened; the size is checked before reading and
    the read itself stops after `limit` bytes, in case the file grows or is swapped meanwhile.
    """
    raw = read_head(path, name, limit + 1, size_limit=limit)
    if len(raw) > limit:
        raise too_large(name, len(raw), limit)
    return raw


def read_head(path: str | os.PathLike[str], name: str, count: int, size_limit: int | None = None) -> bytes:
    """At most the first `count` bytes of a regular file (E009 for anything else, unopened).

    For a look at a file before deciding to read it (is it a scenario file, a policy?); with
    `size_limit`, a file larger than that is refused (E007) before anything is read.
    """
    got = observe.head(path, count, size_limit)  # the one read of a user file, noted for the result cache
    if isinstance(got, bytes):
        return got
    why, detail = got
    if why == "special":
        raise _error(name, 1, 1, E009, f"is {detail}, not a file; not read", "name a file")
    if why == "size":
        raise too_large(name, int(detail), size_limit or 0)
    if why == "swapped":
        raise _error(name, 1, 1, E009, "is not a regular file; not read", "name a file")
    raise _error(name, 1, 1, E009, f"cannot read: {detail}", "check the path")


def too_large(name: str, size: int, limit: int) -> PolicyError:
    return _error(
        name,
        1,
        1,
        E007,
        f"file is {_mb(size)}; the limit is {_mb(limit)}",
        "split the file or remove generated content",
    )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n % (1024 * 1024) else f"{n // (1024 * 1024)} MB"


def read_text(path: str | os.PathLike[str], name: str, limit: int = MAX_BYTES) -> str:
    """A user file as text: :func:`read_bytes` then :func:`decode`."""
    return decode(read_bytes(path, name, limit), name)


# -- CSV ----------------------------------------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def field_starts(line: str) -> list[int]:
    """1-based columns where each CSV field of a line starts (quotes respected)."""
    return line_fields(line)[0]


def line_fields(line: str, quoted: bool = False) -> tuple[list[int], int | None]:
    """The 1-based character columns where CSV fields start on `line`, as the csv module reads
    it (a quote opens a quoted field only as a field's first character; inside one, a doubled
    quote is text), and the column of the quote opening a field still open at the line's end
    (0 when it was opened on an earlier line: `quoted`), or None when none is open.

    The one place a CSV cell's column is worked out: every reader points at a cell through it.
    A quoted cell's column is that of its opening quote."""
    starts: list[int] = [] if quoted else [1]
    opened: int | None = 0 if quoted else None
    i = 0
    while True:
        if opened is None:  # at the start of a field
            if line.startswith('"', i):
                opened, i = i + 1, i + 1
                continue
            comma = line.find(",", i)
        else:  # inside quotes: up to the next quote that is not doubled
            quote = line.find('"', i)
            if quote < 0:
                return starts, opened
            if line.startswith('"', quote + 1):
                i = quote + 2
                continue
            opened = None  # closed: anything up to the comma is text of the same field
            comma = line.find(",", quote + 1)
        if comma < 0:
            return starts, None
        starts.append(comma + 2)
        i = comma + 1


class Lines(Protocol):
    """Physical lines of a text by number (1-based; '' past the end), as a CSV reader counts them."""

    def __getitem__(self, line: int) -> str: ...

    def __len__(self) -> int: ...


def record_cells(lines: Lines, first: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """(line, column) where each field of the CSV record starting on line `first` starts — a
    field after one whose quotes span lines starts on a later line — and where the quote opening
    a field that is never closed is (None when every quote closes): the csv module then reads
    the rest of the text as that field."""
    cells: list[tuple[int, int]] = []
    line, quoted, open_at = first, False, None
    while True:
        starts, opened = line_fields(lines[line], quoted)
        cells += [(line, c) for c in starts]
        if opened is None:
            return cells, None
        if opened:
            open_at = (line, opened)
        if line >= len(lines):
            return cells, open_at
        line, quoted = line + 1, True


def csv_text_from(text: str, line: int) -> str:
    """`text` with its lines before `line` left empty (one line break each), for the csv module
    to read from `line` on while counting lines as in `text`: the line breaks kept are the text's
    own, so a quoted field over several lines reads as it is written. Empty past the last line."""
    breaks = [m.end() for m in islice(_LINE_BREAK.finditer(text), line - 1)]
    if len(breaks) < line - 1:
        return ""
    return "\n" * (line - 1) + text[breaks[-1] if breaks else 0 :]


def csv_rows(text: str, name: str, code: Rule = E011) -> Iterator[tuple[list[str], int, list[int]]]:
    """Each CSV record with the line it ends on and the column each field starts at.

    A field longer than :data:`MAX_CSV_FIELD` characters, or a record the csv module cannot
    read, is a positioned error (`code`) rather than the module's exception.
    """
    lines = _Lines(text)
    for values, line in csv_records(text, name, code, lines):
        yield values, line, field_starts(lines[line])


def csv_records(
    text: str, name: str, code: Rule = E011, lines: _Lines | None = None
) -> Iterator[tuple[list[str], int]]:
    """Each CSV record with the line it ends on: :func:`csv_rows` without the columns, for
    readers that need a field's column only in an error (the text is split into lines only then)."""
    lines = _Lines(text) if lines is None else lines
    reader = csv.reader(io.StringIO(text, newline=""))
    # no field of a text shorter than the limit can be longer than it: skip the per-record look
    long_possible = len(text) > MAX_CSV_FIELD
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = max(reader.line_num, 1)
            raw = lines[line]
            starts = field_starts(raw)
            ends = [*starts[1:], len(raw) + 2]
            widest = max(range(len(starts)), key=lambda k: ends[k] - starts[k])
            col = starts[widest] if "field limit" in str(exc) else 1
            raise _csv_error(name, line, col, code, str(exc)) from None
        line = reader.line_num
        if long_possible and values and max(map(len, values)) > MAX_CSV_FIELD:
            starts = field_starts(lines[line])
            k = next(k for k, v in enumerate(values) if len(v) > MAX_CSV_FIELD)
            raise _csv_error(name, line, starts[k] if k < len(starts) else 1, code, "")
        yield values, line


# The fix of a quote never closed, in every CSV reader's finding.
UNCLOSED_HINT = 'close the quote (a quote inside a quoted field is written twice: "")'


@dataclass(frozen=True)
class Unclosed:
    """A CSV record in which a quote opens and is never closed: the csv module reads the rest of
    the text into that field. The record is not read; reading goes on at the line after the
    quote's (`resumes`; None when nothing follows it)."""

    start: int  # the line the record starts on
    quote: tuple[int, int]  # where the quote that is never closed opens
    resumes: int | None

    def said(self, what: str) -> str:
        """`a quote opened here is never closed: only this row (lines 3–4) is not read; reading
        goes on at line 5` — the message of a finding at :attr:`quote`, `what` naming a record."""
        return f"a quote opened here is never closed: only this {what}{self.span} is not read" + (
            f"; reading goes on at line {self.resumes}" if self.resumes is not None else ""
        )

    @property
    def span(self) -> str:
        """` (lines 3–4)` when the record spans lines, else ''."""
        line = self.quote[0]
        return f" (lines {self.start}–{line})" if line > self.start else ""


def csv_records_resumed(
    text: str, name: str, code: Rule, lines: Lines
) -> Iterator[tuple[list[str], int, int] | Unclosed]:
    """Each CSV record with the lines it starts and ends on, as :func:`csv_records` reads them,
    but a record in which a quote is never closed is given as :class:`Unclosed` (where the caller
    reports it) and reading goes on at the next line, so the records after it are read as their
    own and their problems reported where they are — not one record swallowing the rest of the
    text, nor a misleading count of fields. `lines` are the text's (:func:`text_lines`). The one
    reader of every CSV input that resumes after such a quote (facts tables, evidence manifests)."""
    # only a text with a quote can hold one never closed: a text without any is never split
    last = len(lines) - 1 if '"' in text else None  # a record ending here or later may be open
    start = 1
    records = csv_records(text, name, code)
    while (record := _next_record(records, lines, start)) is not None:
        values, end = record
        if end < start:
            continue  # a line left empty before the one reading went on at: none of the text's
        if last is not None and end >= last and (opened := record_cells(lines, start)[1]) is not None:
            line = opened[0]
            final = len(lines)
            if final > line and not lines[final]:  # the empty "line" after a final line break
                final -= 1
            yield Unclosed(start, opened, line + 1 if final > line else None)
            # the text after the quote's line, read afresh: lines before it are left empty, so
            # the csv module's line numbers stay those of the text
            start = line + 1
            records = csv_records(csv_text_from(text, start), name, code)
            continue
        yield values, start, end
        start = end + 1


def _next_record(
    records: Iterator[tuple[list[str], int]], lines: Lines, start: int
) -> tuple[list[str], int] | None:
    """The next record and the line it ends on (None at the end). A field too long to read that
    is the rest of the text in a quote never closed is no error here: the record is given as
    ending on the last line, where the caller reports the quote."""
    try:
        return next(records, None)
    except PolicyError:
        if record_cells(lines, start)[1] is None:
            raise
        return [], len(lines)


def text_lines(text: str) -> Lines:
    """The physical lines of `text` as a CSV reader counts them, split only when first asked."""
    return _Lines(text)


class _Lines:
    """The physical lines of a text (1-based), split on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] | None = None

    def __getitem__(self, line: int) -> str:
        lines = self._split()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def __len__(self) -> int:
        return len(self._split())

    def _split(self) -> list[str]:
        if self.lines is None:
            self.lines = _LINE_BREAK.split(self.text)
        return self.lines


class RawLines:
    """The physical lines of UTF-8 bytes (1-based; a leading byte order mark dropped), found
    without splitting them all: the line breaks in each block of the bytes are counted on first
    use (one pass at the speed of memchr), then a line is found in its block. A finding on line
    90,000 of a large manifest so costs no list of every line. Bytes with a lone carriage return
    as a line break (which the csv module counts as one) are split as text instead."""

    _BLOCK = 1 << 16

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.before: list[int] | None = None  # line breaks before each block
        self.text: _Lines | None = None

    def _index(self) -> list[int]:
        if self.before is None:
            raw, size = self.raw, self._BLOCK
            if raw.count(b"\r") != raw.count(b"\r\n"):
                self.text = _Lines(raw.decode("utf-8", "replace").removeprefix("\ufeff"))
            counts = (raw.count(b"\n", s, s + size) for s in range(0, len(raw), size))
            self.before = list(accumulate(counts, initial=0))
        return self.before

    def __len__(self) -> int:
        before = self._index()
        return len(self.text) if self.text is not None else before[-1] + 1

    def __getitem__(self, line: int) -> str:
        before = self._index()
        if self.text is not None:
            return self.text[line]
        if not 0 < line <= before[-1] + 1:
            return ""
        raw, start, breaks = self.raw, 0, line - 1  # the line starts after this many breaks
        if breaks:
            block = bisect_left(before, breaks) - 1  # the block holding the last of them
            first = block * self._BLOCK
            chunk = raw[first : first + self._BLOCK]
            start = first + len(chunk) - len(chunk.split(b"\n", breaks - before[block])[-1])
        end = raw.find(b"\n", start)
        text = raw[start : len(raw) if end < 0 else end].removesuffix(b"\r").decode("utf-8", "replace")
        return text.removeprefix("\ufeff") if line == 1 else text


def _csv_error(name: str, line: int, col: int, code: Rule, detail: str) -> PolicyError:
    if not detail or "field limit" in detail:
        return _error(
            name,
            line,
            col,
            code,
            f"a CSV field longer than {MAX_CSV_FIELD:,} characters",
            "keep long text in a file of its own and give its path",
        )
    return _error(name, line, col, code, f"CSV error: {detail}", "check the quoting on this line")


def _syntax_hint(problem: str) -> str:
    """What usually causes a YAML syntax error in a policy file, said where it bites."""
    if "mapping values are not allowed" in problem:
        return (
            "a ': ' (or a ':' at the end of a line) inside a value starts a mapping: put the whole "
            "value in quotes, e.g. text: '本意见自印发之日起施行: 见附件'"
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one before: items of a list or mapping line up"
    return "check indentation and quoting near this point"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _dedented_line(text: str, error_line: int) -> tuple[int, int, int] | None:
    """When PyYAML says "mapping values are not allowed" on a line, the mistake is often the line
    before: a `key: value` indented less than its neighbours ends the mapping they belong to, and
    the next line, still indented as they are, reads as the rest of its value. The error then
    points one line late. That line (1-based), its indent and the neighbours' indent, or None."""
    lines = text.splitlines()
    content = [
        i
        for i in range(min(error_line, len(lines)))
        if lines[i].strip() and not lines[i].lstrip().startswith("#")
    ]
    if len(content) < 3 or content[-1] != error_line - 1:
        return None
    before, prev, err = (lines[i] for i in content[-3:])
    mine, theirs = _indent(prev), _indent(err)
    is_key_value = re.match(r"\s*[^\s#:][^:]*:\s+\S", prev) is not None and not prev.rstrip().endswith(":")
    if is_key_value and mine < theirs and _indent(before) == theirs and not before.lstrip().startswith("- "):
        return content[-2] + 1, mine, theirs
    return None


_EMPTY_HINT = "the file is a mapping that starts with 'kind:' (see `responsibility schema`)"


def is_blank(text: str) -> bool:
    """Whether a text has nothing but blank lines and comments (an empty policy file)."""
    if _CONTENT.search(text) is not None:  # the common case, found without splitting the text
        return False
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


# the first character of a line that is neither blank nor a comment (whitespace, newlines
# included, skipped from a line's start); not found, the exact line-by-line look decides
_CONTENT = re.compile(r"^\s*[^\s#]", re.M)


def load_text(text: str, name: str, bad_dates_as_text: bool = False) -> tuple[Any, Marks]:
    """Parse one YAML document into plain values plus the mark of every path.

    An impossible date (`2026-02-30`) or a timestamp stops the file with E011 at the value; with
    `bad_dates_as_text` it is the text written instead (a real date is still a date), for a reader
    whose model checks its dates and reports a bad one as a finding of its own format (a waiver's
    `expires`, W002), beside the file's other findings rather than instead of all of them."""
    marks: Marks = {}
    return _load(text, name, marks, bad_dates_as_text), marks


def load_data(text: str, name: str) -> Any:
    """:func:`load_text` without the marks, for a reader that keeps the data and works out a
    position only when it has something to report (:class:`LazyMarks`): the same checks and
    errors, without a tuple per value held for the life of the data."""
    return _load(text, name, None)


def _load(text: str, name: str, marks: Marks | None, bad_dates_as_text: bool = False) -> Any:
    if is_blank(text):
        raise _error(name, 1, 1, E006, "empty file", _EMPTY_HINT)
    try:
        loader = _loader(text, bad_dates_as_text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise _error(name, 1, 1, E006, "empty file", _EMPTY_HINT)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        shifted = _dedented_line(text, line) if "mapping values are not allowed" in problem else None
        if shifted is not None:
            at, mine, theirs = shifted
            raise _error(
                name,
                at,
                mine + 1,
                E001,
                f"YAML syntax error: this line is indented less than the lines around it (column "
                f"{mine + 1}, they are at column {theirs + 1}), so the next line reads as part of its value",
                f"indent it to column {theirs + 1}, to line up with the lines before and after it",
            ) from None
        raise _error(name, line, col, E001, f"YAML syntax error: {problem}", _syntax_hint(problem)) from None
    except yaml.YAMLError as exc:
        raise _error(name, 1, 1, E001, f"YAML error: {exc}") from None
    # A node met twice is an alias; there is none to look for when the text has no anchor (`&`).
    seen: set[int] | None = set() if "&" in text else None
    return _convert(node, (), marks, seen, name)


def _loader(text: str, bad_dates_as_text: bool) -> Any:
    if LIBYAML:
        return _FastTextDatesLoader(text) if bad_dates_as_text else _FastLoader(text)
    return _TextDatesLoader(text) if bad_dates_as_text else _DepthLimitedLoader(text)


class _FastLoader(_Loader):
    """libyaml's loader, with the tag of a plain scalar decided without a regex scan when its
    first character starts no implicit type (a Chinese character, a lower-case id): the composer
    asks for every scalar, and most of a policy is such text. Same tags as the base loader."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if (
            kind is yaml.ScalarNode
            and not (implicit[0] and value[:1] in self.yaml_implicit_resolvers)
            and None not in self.yaml_implicit_resolvers
            and not self.yaml_path_resolvers
        ):
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class LazyMarks(Mapping[YamlPath, tuple[int, int]]):
    """The marks of one file, worked out from the file when first asked for.

    A policy set keeps every file's validated document; keeping the mark of every value as well
    took most of a large load's memory (a path tuple and a position per value, ~40 times the
    parsed size) and most of its cache entries, for the few values a report points at. So the
    loader keeps the file's name and the SHA-256 of the bytes it validated, and a first lookup
    reads and parses the file again. Should the file have changed since (edited during the run),
    its old positions are gone: every lookup then answers nothing, and a finding points at the
    file's first line rather than at a wrong one.
    """

    __slots__ = ("_cached", "_digest", "_marks", "_name", "_path")

    def __init__(self, path: str | os.PathLike[str], name: str, digest: bytes, cached: bool = False) -> None:
        self._path = path
        self._name = name
        self._digest = digest
        self._cached = cached  # the positions may come from, and go to, the policy cache
        self._marks: Marks | None = None

    @property
    def digest(self) -> bytes:
        """The SHA-256 of the bytes the positions are those of."""
        return self._digest

    def _get(self) -> Marks:
        if self._marks is None:
            self._marks = self._stored() or {}
            if not self._marks:
                try:
                    raw = read_head(self._path, self._name, MAX_BYTES + 1)
                    if hashlib.sha256(raw).digest() == self._digest:
                        self._marks = load_text(decode(raw, self._name), self._name)[1]
                        self._store(self._marks)
                except PolicyError:  # unreadable now: the document was read and validated before
                    pass
        return self._marks

    def _stored(self) -> Marks | None:
        """The positions the policy cache holds for these very bytes, if any."""
        if not self._cached:
            return None
        hit = cache.get(cache.marks_key(self._digest))
        return hit if isinstance(hit, dict) else None

    def _store(self, marks: Marks) -> None:
        """Keep positions worked out from the file for the next run that needs them."""
        if self._cached:
            store_marks(self._digest, marks)

    def __getitem__(self, path: YamlPath) -> tuple[int, int]:
        return self._get()[path]

    def __contains__(self, path: object) -> bool:
        return path in self._get()

    def __iter__(self) -> Iterator[YamlPath]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def store_marks(digest: bytes, marks: Marks) -> None:
    """Put the positions of the file whose bytes have the SHA-256 `digest` in the policy cache."""
    if marks:
        cache.put(cache.marks_key(digest), marks)


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader (used where libyaml is missing) composes recursively: stop
    at MAX_DEPTH with a positioned error before Python's recursion limit (libyaml stops at 1000).
    Depth counts mappings and lists, as :func:`_convert` does; a scalar is not a level."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if self.depth > MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
                # the pure-Python parser's events carry yaml.error.Mark; the stubs allow libyaml's too
                raise yaml.composer.ComposerError(None, None, _too_deep(), event.start_mark)  # type: ignore[arg-type]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_TIMESTAMP = _CORE + "timestamp"
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _timestamp_as_text(tag: Any, value: str) -> Any:
    """The tag of a scalar read with bad dates as text: a timestamp that is not a real plain date
    (2026-02-30, 2018-3-1, 2018-03-01 10:00) is a string; every other tag is kept."""
    if tag == _TIMESTAMP:
        try:
            if _PLAIN_DATE.fullmatch(value):
                dt.date.fromisoformat(value)
                return tag
        except ValueError:
            pass
        return _STR
    return tag


class _FastTextDatesLoader(_FastLoader):
    """:class:`_FastLoader` reading a timestamp that is not a real date as text (:func:`load_text`)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        return _timestamp_as_text(super().resolve(kind, value, implicit), value)


class _TextDatesLoader(_DepthLimitedLoader):
    """:class:`_DepthLimitedLoader` reading a timestamp that is not a real date as text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        return _timestamp_as_text(super().resolve(kind, value, implicit), value)  # type: ignore[no-untyped-call]


def _too_deep() -> str:
    return f"nested deeper than {MAX_DEPTH} levels"


_STR, _MAP, _SEQ, _MERGE, _BOOL = (_CORE + t for t in ("str", "map", "seq", "merge", "bool"))
_BOOLEANS = frozenset({"true", "false"})


def _convert(
    node: yaml.Node, path: YamlPath, marks: Marks | None, seen: set[int] | None, name: str, depth: int = 1
) -> Any:
    # Hot path: policy files are mostly plain strings, so they skip the generic constructor.
    mark = node.start_mark
    if depth > MAX_DEPTH and isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            E001,
            f"YAML structure {_too_deep()}",
            "flatten the document; policy files need about a dozen levels",
        )
    if seen is not None and id(node) in seen:
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            E004,
            "this anchored value is reused through an alias; anchors and aliases are not allowed",
            "write the value out in full where it is reused",
        )
    if seen is not None:
        seen.add(id(node))
    if marks is not None:
        marks[path] = (mark.line + 1, mark.column + 1)
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        if tag != _MAP:
            raise _tag_error(node, name)
        return _mapping(node, path, marks, seen, name, depth)
    if isinstance(node, yaml.SequenceNode):
        if tag != _SEQ:
            raise _tag_error(node, name)
        if marks is None:  # no paths to build
            return [_convert(n, path, None, seen, name, depth + 1) for n in node.value]
        return [_convert(n, (*path, i), marks, seen, name, depth + 1) for i, n in enumerate(node.value)]
    if tag not in _SCALAR_TAGS:
        raise _tag_error(node, name)
    if tag == _BOOL and node.value.lower() not in _BOOLEANS:
        # YAML 1.1 also reads yes/no/on/off (and y/n) as booleans; YAML 1.2 and these files do
        # not: `poor: yes` stays the text 'yes', which a boolean field then refuses by name,
        # rather than being silently taken as true.
        return node.value
    value = _scalar(node, name)
    if isinstance(value, dt.datetime):
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            E011,
            "a timestamp is not allowed here",
            "write a date: 2017-03-09",
        )
    return value


def _scalar(node: yaml.Node, name: str) -> Any:
    """A core-schema scalar; an impossible date or an overlong number is a positioned E011."""
    mark = node.start_mark
    if node.tag in _NUMBER_TAGS and len(str(node.value)) > MAX_NUMBER_CHARS:
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            E011,
            f"a number of {len(str(node.value)):,} characters; the limit is {MAX_NUMBER_CHARS}",
            "quote it if it is text, or shorten it",
        )
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # 2018-02-30, 2018-13-01
        what = "date" if node.tag == _CORE + "timestamp" else "value"
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            E011,
            f"'{node.value}' is not a valid {what}: {exc}",
            "write a real date (YYYY-MM-DD), or quote the value if it is text",
        ) from None
    finally:
        # The constructor remembers each node it built, for aliases (refused here): left there,
        # every boolean, number and date node of every file read stayed alive, marks and all,
        # for the life of the process (8 MiB over a nationwide set).
        _CONSTRUCTOR.constructed_objects.pop(node, None)


_NUMBER_TAGS = {_CORE + "int", _CORE + "float"}


def _mapping(
    node: yaml.MappingNode,
    path: YamlPath,
    marks: Marks | None,
    seen: set[int] | None,
    name: str,
    depth: int = 1,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if key_node.tag == _MERGE:
            raise _error(
                name, k_line, k_col, E004, "merge keys (<<) are not allowed", "write the keys out in full"
            )
        if seen is None and key_node.tag == _STR and isinstance(key_node, yaml.ScalarNode):
            key = key_node.value  # the common key: a plain string, nothing to check or mark
        else:
            key = _convert(key_node, path, {}, seen, name, depth + 1)
        if not isinstance(key, str):
            key = str(key)
        child = (*path, key) if marks is not None else path
        if key in out:
            first = _first_key_line(node, key)
            raise _error(
                name,
                k_line,
                k_col,
                E002,
                f"duplicate key '{key}' (first at line {first})",
                "remove one of the two, or merge them",
            )
        out[key] = _convert(value_node, child, marks, seen, name, depth + 1)
        if marks is not None:  # errors about a value (or a missing child of it) point at its key's line
            marks[child] = (k_line, k_col)
    return out


def _first_key_line(node: yaml.MappingNode, key: str) -> int:
    """The line of the first key of `node` that reads as `key` (for a duplicate's message)."""
    for key_node, _ in node.value:
        if str(_convert(key_node, (), None, None, "")) == key:
            return int(key_node.start_mark.line) + 1
    return 0


def _tag_error(node: yaml.Node, name: str) -> PolicyError:
    mark = node.start_mark
    return _error(
        name,
        mark.line + 1,
        mark.column + 1,
        E003,
        f"tag '{node.tag}' is not allowed: policy files use plain YAML only",
        "remove the tag; only strings, numbers, booleans, dates, lists and mappings are allowed",
    )


def dump_document(doc: Any) -> str:
    """A pydantic policy document as YAML that loads back to an equal document.

    Defaults are left out so that written files stay as short as hand-written ones; Chinese is
    written as is, not escaped.
    """
    data = _plain(doc.model_dump(mode="python", by_alias=True, exclude_defaults=True))
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))


def _plain(value: Any) -> Any:
    """Model values as YAML's own types: enums as their text, dates left as dates.

    JSON mode would turn a date into a string, which YAML then quotes ('2017-03-09'), and the
    model, strict about dates, refuses a string: the file would not load back.
    """
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
