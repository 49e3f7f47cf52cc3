"""The 责任清单 (responsibility list): the table offices work from, one row per duty.

Columns: 序号, 责任主体, 责任类型, 任务内容, 频次, 报送/签署对象, 需形成材料, 依据 — with English
under each heading. CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese)
holds every regulation in turn; XLSX holds one sheet per regulation with a frozen header row and
set column widths. XLSX needs openpyxl (``pip install 'responsibility[xlsx]'``). Both outputs are
byte-identical for the same policies: no timestamps.
"""

from __future__ import annotations

import csv
import io
import re
import weakref
import zipfile
from copy import copy
from dataclasses import dataclass

from responsibility.policy.labels import FREQUENCY_LABEL, RESPONSIBILITY_LABEL
from responsibility.policy.model import CounterpartyRole, Duty, Regulation
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

# The counterparties the list names, and the verb it puts before them.
COUNTERPARTY_ZH: dict[CounterpartyRole, str] = {
    CounterpartyRole.reports_to: "报送",
    CounterpartyRole.signs_with: "签署",
    CounterpartyRole.approved_by: "审定",
    CounterpartyRole.reviewed_by: "审核",
    CounterpartyRole.assessed_by: "考核",
    CounterpartyRole.supervised_by: "监督",
}


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


def header_cells() -> list[str]:
    return [f"{zh}\n{en}" for zh, en in HEADERS]


def _row(ps: PolicySet, n: int, e: DutyEntry) -> Row:
    d: Duty = e.duty
    owners = "、".join(o.zh or ps.actors[o.actor].name.zh for o in d.owners)
    kinds = "、".join(dict.fromkeys(RESPONSIBILITY_LABEL[o.responsibility][0] for o in d.owners))
    task = d.summary.zh
    if d.deadline:
        task += f"({d.deadline})"
    freq = FREQUENCY_LABEL[d.frequency][0] if d.frequency else ""
    parties = "；".join(
        f"{COUNTERPARTY_ZH[c.role]}: {c.zh or ps.actors[c.actor].name.zh}"
        for c in d.counterparties
        if c.role in COUNTERPARTY_ZH
    )
    artefacts = "、".join(ps.artefact_kinds[a].name.zh for a in d.artefacts)
    article = e.citation or e.provision.id
    basis = f"《{e.regulation.title.zh}》{article}"
    return Row(n, owners, kinds, task, freq, parties, artefacts, basis, e.ref)


def rows(ps: PolicySet, regulation: str) -> list[Row]:
    """The list of one regulation, in document order, numbered from 1."""
    return [_row(ps, i, e) for i, e in enumerate(ps.duties(regulation), start=1)]


def selected(ps: PolicySet, regulations: list[str] | None) -> list[Regulation]:
    ids = regulations or list(ps.regulations)
    return [ps.regulation(r) for r in ids]


def to_csv(ps: PolicySet, regulations: list[str] | None = None) -> bytes:
    """Every selected regulation's rows in turn, numbered through the file."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f"{zh} {en}" for zh, en in HEADERS])
    n = 0
    for reg in selected(ps, regulations):
        for r in rows(ps, reg.id):
            n += 1
            w.writerow([n, *r.cells()[1:]])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


class MissingDependency(ValueError):
    """An optional dependency is not installed; the message says how to install it."""


def to_xlsx(ps: PolicySet, regulations: list[str] | None = None) -> bytes:
    """One sheet per regulation (named by its id), header frozen, widths set, text wrapped."""
    return _workbook({reg.id: rows(ps, reg.id) for reg in selected(ps, regulations)})


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


def _workbook(sheets: dict[str, list[Row]]) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise MissingDependency(
            "writing XLSX needs openpyxl: pip install 'responsibility[xlsx]' (or use --format csv)"
        ) from None
    wb = Workbook()
    wb.remove(wb.active)
    # a workbook needs a sheet: a body that owes nothing gets the headers alone
    for name, sheet_rows in (sheets or {"责任清单": []}).items():
        ws = wb.create_sheet(name[:31])  # Excel's limit on sheet names
        ws.append(header_cells())
        for r in sheet_rows:
            ws.append(r.cells())
        for i, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        # Each cell gets the style of the first of its kind by its style array: setting a Font or
        # an Alignment object on every cell (openpyxl hashes it to look it up) took most of the
        # time of writing a site's lists.
        head_style = body_style = None
        for i, line in enumerate(ws.iter_rows()):
            for cell in line:
                if i == 0 and head_style is None:
                    cell.font = Font(bold=True)
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    head_style = copy(cell._style)
                elif i > 0 and body_style is None:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    body_style = copy(cell._style)
                else:
                    cell._style = copy(head_style if i == 0 else body_style)
                # openpyxl stores a string that starts with "=" as a formula: policy text is
                # text, so a summary such as =HYPERLINK(...) must not become a live formula.
                if cell.data_type == "f":
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return _reproducible(buf.getvalue())


_STAMP = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _reproducible(data: bytes) -> bytes:
    """The same workbook with fixed zip timestamps and document dates (openpyxl stamps now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>2016-10-17T00:00:00Z\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=_STAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, body)
    return out.getvalue()


__all__ = ["HEADERS", "MissingDependency", "Row", "actor_rows", "actor_xlsx", "rows", "to_csv", "to_xlsx"]
