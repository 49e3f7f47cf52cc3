"""A provision's label the text does not print is marked 〔〕 wherever a reader sees it: the
citation (policyset.citations), and through it the findings of `check`, the answers of `who`,
`duties`, `trace`, `owes` and `chain`, the 责任清单 (CSV and XLSX) and the site's pages, where the
mark carries a tooltip saying so. A label is found with or without the mark."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from conftest import ROOT
from responsibility.checks.runner import Options, Report, run
from responsibility.graph.responsibility_list import to_csv, to_xlsx
from responsibility.policy import labels, lookup
from responsibility.policy.model import walk_provisions
from responsibility.policy.policyset import citations
from responsibility.site.pages import SitePages
from responsibility.site.render import cite
from shipped_helpers import cli, shipped_set

MARKED = "〔第11段〕"
# 第11段 not inside the mark: how the paragraph was shown before it was marked
BARE = re.compile(r"(?<!〔)第11段")


pytestmark = pytest.mark.usefixtures("shipped_loaded_once")


# -- the citation --------------------------------------------------------------------------------


def test_no_printed_label_holds_the_mark() -> None:
    """The mark would be ambiguous if a text printed 〔〕 in a label of its own."""
    ps = shipped_set()
    for reg in ps.regulations.values():
        for prov, div in walk_provisions(reg):
            for label in (prov.label, div.label if div else None):
                assert not label or not set(label) & set(labels.INFERRED_MARK), (reg.id, prov.id, label)


def test_a_citation_is_marked_exactly_where_its_label_is_not_printed() -> None:
    ps = shipped_set()
    marked = []
    for reg in ps.regulations.values():
        cites = citations(reg)
        top = {p.id for p in reg.provisions}
        for prov, _ in walk_provisions(reg):
            not_printed = prov.label_inferred or (prov.label is None and prov.id in top)
            assert (labels.INFERRED_MARK[0] in cites[prov.id]) == not_printed, (reg.id, prov.id, cites[prov.id])
            if not_printed:
                marked.append(f"{reg.id}/{cites[prov.id]}")
    assert "majiang/〔第11段〕" in marked and "wuyi/二、〔3〕" in marked and "wuyi/〔序言〕" in marked
    assert "wuyi/三" not in marked  # the body of 三、: its division's label is printed


def test_the_inferred_part_alone_is_marked() -> None:
    ps = shipped_set()
    assert citations(ps.regulation("wuyi"))["sec_2__item_3"] == "二、〔3〕"  # 二、 is printed
    assert labels.inferred_runs("二、〔3〕") == [("二、", False), ("〔3〕", True)]
    assert labels.unmarked("二、〔3〕") == "二、3"


@pytest.mark.parametrize(
    ("reg", "typed", "pid"),
    [
        ("majiang", "第11段", "para_11"),
        ("majiang", "〔第11段〕", "para_11"),
        ("wuyi", "二、3", "sec_2__item_3"),
        ("wuyi", "二、〔3〕", "sec_2__item_3"),
        ("wuyi", "序言", "preamble"),
    ],
)
def test_a_label_is_found_with_or_without_the_mark(reg: str, typed: str, pid: str) -> None:
    assert lookup.provision_id(shipped_set(), reg, typed) == pid


# -- every face ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run(Options(paths=[ROOT / "policies" / "guizhou" / "majiang"]))


def test_the_check_finding_cites_the_marked_paragraph(report: Report) -> None:
    from responsibility.checks.reporters import RenderOptions, render

    at = [f for f in report.findings if f.target.startswith("majiang/para_11/")]
    assert [f.code for f in at] == ["G003"]
    assert at[0].provision == MARKED
    text = render(report, "text", RenderOptions(color=False))
    line = next(x for x in text.splitlines() if "G003" in x)
    assert f" {MARKED}: " in line and not BARE.search(text)


@pytest.mark.parametrize(
    "argv",
    [
        ("who", "majiang/第11段"),
        ("duties", "--regulation", "majiang", "--provision", "第11段"),
        ("trace", "majiang/第11段"),
        ("owes", "village.poor-households", "--regulation", "majiang"),
        ("chain", "county.leaders", "--regulation", "majiang"),
    ],
)
def test_every_answer_shows_the_mark(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    out = cli(capsys, *argv)
    assert f"麻江 {MARKED}" in out, out
    assert not BARE.search(out), out


def test_the_list_shows_the_mark_in_csv_and_xlsx() -> None:
    ps = shipped_set()
    csv = to_csv(ps, ["majiang"], "zh").decode("utf-8-sig")
    assert MARKED in csv and not BARE.search(csv)
    with zipfile.ZipFile(io.BytesIO(to_xlsx(ps, ["majiang"], "zh"))) as z:
        sheets = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert MARKED in sheets and not BARE.search(sheets)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return SitePages(shipped_set()).build()


def test_every_page_showing_the_paragraph_marks_it_with_a_tooltip(pages: dict[str, str]) -> None:
    showing = {name: text for name, text in pages.items() if "第11段" in text}
    assert "policies/regulations/majiang.md" in showing
    assert "policies/actors/village.poor-households.md" in showing
    span = f'<span class="rsp-inferred" title="{labels.INFERRED_NOTE[0]} · {labels.INFERRED_NOTE[1]}">'
    for name, text in showing.items():
        assert not BARE.search(text), name
        assert text.count(MARKED) == text.count(span + MARKED), name


def test_the_heading_of_an_inferred_item_is_marked_not_glossed(pages: dict[str, str]) -> None:
    wuyi = pages["policies/regulations/wuyi.md"]
    heading = next(x for x in wuyi.splitlines() if "{ #sec_2__item_3 }" in x)
    assert "〔3、〕</span>" in heading and "title=" in heading
    assert "推定编号 label inferred" not in wuyi


def test_the_tooltip_is_escaped_and_the_rest_is_literal() -> None:
    assert cite("二、〔3〕").startswith("二、<span class")
    assert cite("第一条") == "第一条"
    assert "&#60;" in cite("〔<b>〕")  # what is inside the mark goes through literal too
