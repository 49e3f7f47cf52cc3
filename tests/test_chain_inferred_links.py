"""Owners the encoders inferred (Owner.inferred) in the chain of responsibility: the library's
links say which side is one, and every face marks it from that answer — the CLI table and top,
the JSON booleans, the site's diagram nodes and phrase list, and a regulation page's changes.

山西 第五十条 has no subject: its owners 各级党委和政府 and 各级扶贫开发领导小组 are the encoder's.
山西 第八条 names 省委、省政府 (省级党委和政府); 第九条 does not, so 县长's arrow to 省级党委和政府,
behind which both stand, is the text's, not the encoder's."""

from __future__ import annotations

import functools
import json
import re

import pytest

from responsibility.cli.main import main
from responsibility.graph.queries import ChainLine, Link, chain, inferred_end
from responsibility.policy.policyset import PolicySet
from responsibility.site.pages import SitePages
from responsibility.site.render import INFERRED_OWNER_TITLE, html_text, mermaid_node, mermaid_text

ALL = "all.party-committees-and-governments"
PROVINCE = "province.party-committee-and-government"
SPAN = f'<span class="rsp-inferred" title="{html_text(INFERRED_OWNER_TITLE)}">'


def shanxi_line(ps: PolicySet) -> ChainLine:
    (found,) = chain(ps, "county.head", "shanxi").lines
    return found


def links_of(found: ChainLine, upper: str, article: str) -> list[Link]:
    return [k for k in found.upward if k.upper == upper and k.duty.startswith(f"shanxi/{article}/")]


def test_links_say_which_side_is_an_inferred_owner(shipped: PolicySet) -> None:
    found = shanxi_line(shipped)
    art50 = links_of(found, ALL, "art_50")
    assert art50 and all(k.upper_inferred and not k.lower_inferred for k in art50)
    art8 = links_of(found, PROVINCE, "art_8")
    assert art8 and not any(k.upper_inferred or k.lower_inferred for k in art8)
    art9 = links_of(found, PROVINCE, "art_9")
    assert art9 and all(k.upper_inferred for k in art9)


def test_a_body_is_inferred_at_an_end_only_where_every_link_reaching_it_is(shipped: PolicySet) -> None:
    found = shanxi_line(shipped)
    assert inferred_end(found.upward, ALL)
    # 第九条 infers 省级党委和政府, 第八条 names it: the line reaches it on the text's words
    assert not inferred_end(found.upward, PROVINCE)
    assert not inferred_end(found.upward, "county.head")  # no link reaches it


def test_json_links_carry_the_flags_as_booleans(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["chain", "county.head", "--regulation", "shanxi", "--format", "json"]) == 0
    (line,) = json.loads(capsys.readouterr().out)["lines"]
    to_all = [k for k in line["upward"] if k["upper"] == ALL]
    assert to_all and all(k["upper_inferred"] is True and k["lower_inferred"] is False for k in to_all)
    assert {k["upper_label"] for k in to_all} == {"〔各级党委和政府〕"}  # the labels as before
    art8 = [k for k in line["upward"] if k["duty"].startswith("shanxi/art_8/")]
    assert art8 and all(k["upper_inferred"] is False for k in art8)
    assert {k["upper_label"] for k in art8} == {"省级党委和政府"}


@functools.cache
def site_pages(ps: PolicySet) -> SitePages:
    return SitePages(ps, "p")


def shanxi_section(ps: PolicySet) -> str:
    """The 山西 line's diagram and list on the 县长 page."""
    page = site_pages(ps).actor_page(ps.actors["county.head"])
    start = page.index("### 山西：")
    end = page.index("\n### ", start + 1)
    return page[start:end]


def node(actor: str, section: str) -> str:
    found = re.search(rf"^  {re.escape(mermaid_node(actor))}\[\"(.*)\"\]$", section, re.M)
    assert found, actor
    return found.group(1)


def test_the_diagram_draws_an_inferred_body_in_its_mark(shipped: PolicySet) -> None:
    section = shanxi_section(shipped)
    assert node(ALL, section) == mermaid_text("〔各级党委和政府〕")
    assert node("all.leading-groups", section) == mermaid_text("〔各级扶贫开发领导小组〕")
    assert node(PROVINCE, section) == mermaid_text("省级党委和政府")  # 第八条 names it
    assert node("county.head", section) == mermaid_text("县长")


def test_the_list_names_an_inferred_body_in_its_mark_with_the_tooltip(shipped: PolicySet) -> None:
    section = shanxi_section(shipped)
    items = re.findall(r"<li>(.*?)</li>", section)
    assert f"<li>县长接受{SPAN}〔各级党委和政府〕</span>监督（条件：" in section
    # the arrow 第八条 stands behind names 省级党委和政府 plainly; the city's, 第九条's alone, in 〔〕
    assert "县长接受省级党委和政府监督" in items
    assert f"市级党委和政府接受{SPAN}〔省级党委和政府〕</span>监督" in items
    assert all(part.startswith("〔") for part in re.findall(rf"{re.escape(SPAN)}(.*?)</span>", section))


def test_the_changes_list_names_inferred_owners_in_their_mark(shipped: PolicySet) -> None:
    page = site_pages(shipped).regulation_page(shipped.regulations["shanxi"])
    (row,) = [
        ln for ln in page.splitlines() if "shanxi.md#art_50--hold-units-accountable" in ln and "改为" in ln
    ]
    assert row.endswith(f"改为“{SPAN}〔各级党委和政府〕</span>”")
    # owners the parent's text names stay plain
    assert "责任主体由“各级扶贫开发领导小组、各级党委和政府、有关中央和国家机关”" in row
