"""A few generated pages, byte for byte: each page kind's template over its view writes exactly
the Markdown committed in tests/fixtures/site-golden/ (the pages as the string-building renderer
wrote them before the templates, for the fixtures' policies beside the shipped ones).

A deliberate change to the pages updates the files: RESPONSIBILITY_UPDATE_GOLDEN=1 pytest
tests/test_site_golden.py, then review the diff."""

from __future__ import annotations

import os
from functools import cache

import pytest

import responsibility
from conftest import ROOT
from responsibility.site import pages as site_pages
from responsibility.site.pages import SitePages

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = FIXTURES / "site-golden"

# (set, page): every page kind, with hostile text, an excerpt, a split list
PAGES = [
    ("site", "p/index.md"),
    ("site", "p/regulations/index.md"),
    ("site", "p/regulations/fixture-province.md"),
    ("site", "p/regulations/fixture-hostile.md"),
    ("site", "p/topics/index.md"),
    ("excerpt", "p/regulations/fx-excerpt.md"),
    ("excerpt", "p/duties/central/art_25/commend.md"),
    ("xss", "policies/regulations/fixture-xss-centre.md"),
    ("xss", "policies/regulations/fixture-xss-county.md"),
    ("xss", "policies/actors/xss.centre.md"),
    ("xss", "policies/actors/xss.county-government.md"),
    ("xss", "policies/topics/xss-topic.md"),
    ("xss", "policies/duties/fixture-xss-centre/art_1/keep-ledger.md"),
    ("split", "policies/actors/all.party-committees-and-governments.md"),
    ("split", "policies/actors/all.party-committees-and-governments/2.md"),
]
SETS = {
    "site": FIXTURES / "site",
    "excerpt": FIXTURES / "excerpt",
    "xss": FIXTURES / "site-xss",
    "split": None,
}


@cache
def _pages(name: str) -> dict[str, str]:
    root = SETS[name]
    ps = responsibility.load([root] if root else [])
    if name == "split":  # lists longer than 20 rows are split into parts
        old, site_pages.PAGE_ROWS = site_pages.PAGE_ROWS, 20
        try:
            site = SitePages(ps, xlsx=list(ps.actors))
        finally:
            site_pages.PAGE_ROWS = old
    else:
        site = SitePages(ps, "policies" if name == "xss" else "p")
        site.xlsx = frozenset(a for a in ps.actors if any(p.sheets for p in site.list_parts(a)))
    return site.build()


def _golden(name: str, page: str) -> str:
    return name + "--" + page.split("/", 1)[1].replace("/", "--")


@pytest.mark.parametrize(("name", "page"), PAGES)
def test_the_page_is_byte_identical_to_its_golden(name: str, page: str) -> None:
    written = _pages(name)[page]
    golden = GOLDEN / _golden(name, page)
    if os.environ.get("RESPONSIBILITY_UPDATE_GOLDEN"):
        golden.write_bytes(written.encode("utf-8"))
    assert written == golden.read_bytes().decode("utf-8")
