"""The 责任清单 (responsibility list): the table offices work from, one row per duty.

Columns: 序号, 责任主体, 责任类型, 任务内容, 频次, 报送/签署对象, 需形成材料, 依据 — with English
under each heading. CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese)
holds every regulation in turn; XLSX holds one sheet per regulation with a frozen header row and
set column widths, written directly (no dependency). Both outputs are byte-identical for the same
policies: no timestamps.
"""

from __future__ import annotations

import csv
import io
import re
import weakref
import zipfile
from dataclasses import dataclass

from responsibility.policy.labels import FREQUENCY_LABEL, LANGUAGES, RESPONSIBILITY_LABEL, ROLE_LABEL, in_lang
from responsibility.policy.lookup import regulation_name
from responsibility.policy.model import UPWARD_ROLES, CounterpartyRole, Duty, Regulation
from responsibility.policy.names import Names
from responsibility.policy.policyset import DutyEntry, PolicySet

HEADERS: tuple[tuple[str, str], ...] = (
    ("序号", "No."),
    ("责任主体", "Responsible body"),
    ("责任类型", "Kind of responsibility"),
    ("任务内容", "Task"),
    ("频次", "Frequency"),
    ("报送/签署对象", "Reports to / signs with"),
    ("需形成材料", "Artefacts"),
    ("依据", "Basis"),
)
# Column widths in characters (a CJK character counts two), for the XLSX sheets.
WIDTHS: tuple[int, ...] = (6, 24, 14, 48, 10, 26, 24, 30)

# The list names the bodies a duty's owner answers to (reports to, signs with, is approved,
# reviewed, assessed or supervised by), each after its role as the one label table words it.
LISTED_ROLES: frozenset[CounterpartyRole] = UPWARD_ROLES


@dataclass(frozen=True)
class Row:
    number: int
    owners: str
    responsibility: str
    task: str
    frequency: str
    counterparties: str
    artefacts: str
    basis: str
    duty: str  # the duty id (not a column: for tools that join rows back to the policies)

    def cells(self) -> list[str | int]:
        return [
            self.number,
            self.owners,
            self.responsibility,
            self.task,
            self.frequency,
            self.counterparties,
            self.artefacts,
            self.basis,
        ]


def header_cells(lang: str | None = None) -> list[str]:
    """The headers in `lang` (zh, en), or both, one under the other (None: the site's list)."""
    if lang is None:
        return [f"{zh}\n{en}" for zh, en in HEADERS]
    return [pair[LANGUAGES.index(lang)] for pair in HEADERS]


def _row(ps: PolicySet, n: int, e: DutyEntry, lang: str = "zh") -> Row:
    """One duty's row, its words in `lang` (the site's, bilingual list is in Chinese)."""
    d: Duty = e.duty
    i, sep = LANGUAGES.index(lang), ("、" if lang == "zh" else ", ")
    names = Names(ps, lang)

    def actor(zh: str | None, actor_id: str) -> str:
        # as the text names it, the catalogue's name after it where they differ (no id: a
        # working table; the site links each row to its duty)
        return names.as_named(actor_id, zh, with_id=False)

    owners = names.owners(d.owners, with_id=False)  # a name the text gives several, once
    kinds = sep.join(dict.fromkeys(RESPONSIBILITY_LABEL[o.responsibility][i] for o in d.owners))
    task = in_lang(d.summary.zh, d.summary.en, lang)
    if d.deadline:
        task += f"({d.deadline})" if lang == "zh" else f" ({d.deadline})"
    freq = FREQUENCY_LABEL[d.frequency][i] if d.frequency else ""
    parties = ("；" if lang == "zh" else "; ").join(
        f"{ROLE_LABEL[c.role][i]}: {actor(c.zh, c.actor)}" for c in d.counterparties if c.role in LISTED_ROLES
    )
    artefacts = sep.join(
        in_lang(ps.artefact_kinds[a].name.zh, ps.artefact_kinds[a].name.en, lang) for a in d.artefacts
    )
    article = e.citation or e.provision.id
    title = e.regulation.title
    basis = f"《{title.zh}》{article}" if lang == "zh" or not title.en else f"{title.en}, {article}"
    return Row(n, owners, kinds, task, freq, parties, artefacts, basis, e.ref)


def rows(ps: PolicySet, regulation: str, lang: str = "zh") -> list[Row]:
    """The list of one regulation, in document order, numbered from 1."""
    return [_row(ps, i, e, lang) for i, e in enumerate(ps.duties(regulation), start=1)]


def selected(ps: PolicySet, regulations: list[str] | None) -> list[Regulation]:
    ids = regulations or list(ps.regulations)
    return [ps.regulation(r) for r in ids]


def to_csv(ps: PolicySet, regulations: list[str] | None = None, lang: str | None = None) -> bytes:
    """Every selected regulation's rows in turn, numbered through the file; headers and words in
    `lang`, or (None) Chinese with bilingual headers."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f"{zh} {en}" for zh, en in HEADERS] if lang is None else header_cells(lang))
    n = 0
    for reg in selected(ps, regulations):
        for r in rows(ps, reg.id, lang or "zh"):
            n += 1
            w.writerow([n, *r.cells()[1:]])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


class MissingDependency(ValueError):
    """An optional dependency is not installed; the message says how to install it. (Kept for
    callers that catch it: writing XLSX no longer needs openpyxl.)"""


def to_xlsx(ps: PolicySet, regulations: list[str] | None = None, lang: str | None = None) -> bytes:
    """One sheet per regulation, header frozen, widths set, text wrapped. With `lang` (zh, en),
    sheets are named as the answers name the regulation (中央, 武邑; Central, Wuyi County) and
    headers and words are in that language; None: sheets by id, bilingual headers."""
    if lang is None:
        return _workbook({reg.id: rows(ps, reg.id) for reg in selected(ps, regulations)})
    sheets: dict[str, list[Row]] = {}
    for reg in selected(ps, regulations):
        name = regulation_name(ps, reg.id, lang)
        # two regulations for one place are told apart by id (Excel's rules: _sheet_names)
        sheets[f"{name} ({reg.id})" if name in sheets else name] = rows(ps, reg.id, lang)
    return _workbook(sheets, lang)


def actor_rows(ps: PolicySet, actor: str) -> dict[str, list[Row]]:
    """An actor's own list: every duty it owes (its own, its composites', its role type's where
    the regulation covers its place), one list per regulation in document order."""
    from responsibility.graph.queries import owes

    owed = {d.duty.id for group in owes(ps, actor).groups for d in group.duties}
    # only the owed duties, put in document order: scanning every duty for every actor made a
    # site's lists grow as actors × duties
    order = _document_order(ps)
    out: dict[str, list[Row]] = {}
    for ref in sorted(owed, key=order.__getitem__):
        e = ps.duty_entry(ref)
        sheet = out.setdefault(e.regulation.id, [])
        sheet.append(_row(ps, len(sheet) + 1, e))
    return out


_ORDER: weakref.WeakKeyDictionary[PolicySet, dict[str, int]] = weakref.WeakKeyDictionary()


def _document_order(ps: PolicySet) -> dict[str, int]:
    """Each duty's place in the policy set's document order (regulations in id order), once per
    policy set."""
    found = _ORDER.get(ps)
    if found is None:
        found = _ORDER[ps] = {e.ref: i for i, e in enumerate(ps.all_duties())}
    return found


def actor_xlsx(ps: PolicySet, actor: str) -> bytes:
    """The 责任清单 of one body as XLSX, one sheet per regulation."""
    return workbook(actor_rows(ps, actor))


def workbook(sheets: dict[str, list[Row]]) -> bytes:
    """Rows as an XLSX workbook, one sheet per regulation (the site writes a body's list with
    the rows its page shows)."""
    return _workbook(sheets)


def _workbook(sheets: dict[str, list[Row]], lang: str | None = None) -> bytes:
    """The workbook's parts written directly (SpreadsheetML): the header row bold and frozen,
    every cell wrapped and top-aligned, the columns' widths set. Every value is an inline string
    or a number, never a formula (a summary such as =HYPERLINK(...) stays text). Byte-identical
    for the same rows: fixed zip timestamps, no document dates. (openpyxl, which wrote them
    before, spent most of a nationwide site's build on a thousand sheets.)"""
    # a workbook needs a sheet: a body that owes nothing gets the headers alone
    named = _sheet_names(list(sheets or {"责任清单": []}))
    bodies = [_sheet_xml(rows, lang) for rows in (sheets or {"责任清单": []}).values()]
    n = len(bodies)
    parts: list[tuple[str, str]] = [
        (
            "[Content_Types].xml",
            f'{_XML}<Types xmlns="{_NS_CT}">'
            f'<Default Extension="rels" ContentType="{_CT}package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT_SML}sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT_SML}styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT_SML}worksheet+xml"/>'
                for i in range(1, n + 1)
            )
            + "</Types>",
        ),
        (
            "_rels/.rels",
            f'{_XML}<Relationships xmlns="{_NS_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
        (
            "xl/workbook.xml",
            f'{_XML}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_R}"><sheets>'
            + "".join(
                f'<sheet name="{_esc(name, attr=True)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(named, 1)
            )
            + "</sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            f'{_XML}<Relationships xmlns="{_NS_REL}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            + f'<Relationship Id="rId{n + 1}" Type="{_REL}styles" Target="styles.xml"/></Relationships>',
        ),
        ("xl/styles.xml", _STYLES),
        *((f"xl/worksheets/sheet{i}.xml", body) for i, body in enumerate(bodies, 1)),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts:
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, body.encode("utf-8"))
    return buf.getvalue()


_STAMP = (1980, 1, 1, 0, 0, 0)
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-"
_CT_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
# cell styles: 0 default, 1 the header (bold, wrapped, top), 2 a body cell (wrapped, top)
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_NS_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# characters XML 1.0 cannot hold at all: shown as U+FFFD
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _esc(text: str, attr: bool = False) -> str:
    out = _NOT_XML.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # a carriage return as a reference: XML readers turn a literal one into a newline
    out = out.replace("\r", "&#13;")
    return out.replace('"', "&quot;") if attr else out


def _cell(ref: str, value: str | int, style: int) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if not value:  # an empty cell, styled like its row
        return f'<c r="{ref}" s="{style}"/>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_esc(value)}</t></is></c>'


def _sheet_xml(rows: list[Row], lang: str | None = None) -> str:
    lines: list[list[str | int]] = [list(header_cells(lang)), *(r.cells() for r in rows)]
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(WIDTHS, 1))
    data = "".join(
        f'<row r="{n}">'
        + "".join(_cell(f"{_COLUMNS[i]}{n}", v, 1 if n == 1 else 2) for i, v in enumerate(line))
        + "</row>"
        for n, line in enumerate(lines, 1)
    )
    return (
        f'{_XML}<worksheet xmlns="{_NS_MAIN}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>{data}</sheetData></worksheet>'
    )


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(names: list[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, each once (ignoring case)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = _SHEET_FORBIDDEN.sub("_", name)[:31] or "Sheet"
        shown, k = base, 1
        while shown.lower() in seen:
            k += 1
            shown = f"{base[: 31 - len(str(k))]}{k}"
        seen.add(shown.lower())
        out.append(shown)
    return out


__all__ = ["HEADERS", "MissingDependency", "Row", "actor_rows", "actor_xlsx", "rows", "to_csv", "to_xlsx"]
