"""The browsable site's policy pages, as Markdown: pure functions from a policy set to files.

:func:`build_pages` returns ``{path: markdown}`` for the home page, one page per regulation,
actor, topic and central duty, and an index of each kind. It knows nothing of MkDocs (the plugin
in :mod:`responsibility.site.plugin` adds the pages to a build), so it is tested on its own.

Each page is a Jinja template (``templates/*.md.j2``, package data) rendered over the page's
view (:mod:`responsibility.site.views`), computed from indexes built once per build. Every piece
of text taken from a policy file goes through the escaping helper of the context it lands in
(:mod:`responsibility.site.render`): :func:`literal` in Markdown, :func:`mermaid_text` in a
Mermaid label and :func:`html_text` in the page title (front matter, :func:`page_head`) and in
HTML attributes. A provision that contains ``<script>``, HTML or Markdown syntax is shown as the
characters it is made of, never interpreted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2

from responsibility.policy.model import Actor, Regulation
from responsibility.policy.policyset import DutyEntry, PolicySet
from responsibility.site.render import (
    FILTERS,
    Paths,
    front_matter,
    html_text,
    literal,
    mermaid_text,
    page_head,
)
from responsibility.site.views import (
    ListPart,
    NotFoundView,
    SiteViews,
    chain_edges,
)

# Chinese first: an English gloss is smaller, and in headings and table headers it is a second
# line. Tables fit the page and wrap instead of scrolling sideways; on a phone each row of a
# generated table (marked by .rsp-t in its first header cell) is a card, cell under cell, and the
# 责任清单's cells are named. On a phone a chain is shown as a list instead of its diagram.
STYLESHEET = """\
.rsp-en { color: var(--md-default-fg-color--light); font-size: 0.85em; }
.md-typeset :is(h1, h2, h3, h4, h5, h6) .rsp-en { font-size: 0.6em; font-weight: 400; }
.md-typeset :is(h1, h2, h3, h4, h5, h6, th) .rsp-en::before { content: "\\A"; white-space: pre; }
.md-typeset th .rsp-en { font-weight: 400; }
.rsp-diff { color: var(--md-accent-fg-color); font-weight: 700; }
.rsp-missing { color: #c62828; font-weight: 700; }
.rsp-note { font-weight: 700; }
.rsp-note .rsp-en { font-weight: 400; }
.rsp-inferred { cursor: help; text-decoration: underline dotted; }
blockquote.rsp-text { white-space: normal; }
.md-typeset table:not([class]):has(.rsp-t) { display: table; width: 100%; table-layout: auto; }
.md-typeset table:not([class]):has(.rsp-t) :is(td, th) {
  white-space: normal; overflow-wrap: anywhere; word-break: normal; padding: 0.5em 0.6em; min-width: 0;
}
.md-typeset table:not([class]):has(.rsp-t) th { word-break: keep-all; overflow-wrap: normal; }
.md-typeset table:not([class]):has(.rsp-facts) thead { display: none; }
.md-typeset table:not([class]):has(.rsp-facts) td:first-child { width: 9em; }
.md-typeset table:not([class]):has(.rsp-list) td:nth-child(4) { min-width: 10em; }
.md-typeset .md-typeset__table:has(.rsp-t) { display: block; }
.md-typeset .md-typeset__scrollwrap:has(.rsp-t) { overflow-x: visible; margin: 1em 0; }
.md-typeset ul.rsp-chain-list { display: none; }
@media screen and (max-width: 44.9375em) {
  .md-typeset table:not([class]):has(.rsp-t) thead { display: none; }
  .md-typeset table:not([class]):has(.rsp-t) :is(tbody, tr, td) { display: block; width: auto; }
  .md-typeset table:not([class]):has(.rsp-t) tr {
    border-top: 0.05rem solid var(--md-typeset-table-color); padding: 0.4em 0;
  }
  .md-typeset table:not([class]):has(.rsp-t) td { border: none; padding: 0.1em 0.6em; }
  .md-typeset table:not([class]):has(.rsp-t) td:first-child { font-weight: 700; }
  .md-typeset table:not([class]):has(.rsp-t) td { text-align: left !important; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(1)::before { content: "序号 "; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(2)::before { content: "责任主体："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(3)::before { content: "责任类型："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(4)::before { content: "任务内容："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(5)::before { content: "频次："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(6)::before { content: "报送/签署对象："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(7)::before { content: "需形成材料："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(8)::before { content: "依据："; }
  .md-typeset table:not([class]):has(.rsp-list) td::before { color: var(--md-default-fg-color--light); }
  .md-typeset .mermaid:has(+ .rsp-chain-list) { display: none; }
  .md-typeset ul.rsp-chain-list { display: block; }
}
"""


# Pages stay bounded however many regulations are loaded (see views.HOME_REGULATIONS): a
# 责任清单 longer than PAGE_ROWS rows is split into parts of whole regulations, and a topic lists
# its duties one by one up to PAGE_ROWS and otherwise counts them per regulation.
PAGE_ROWS = 300


@functools.cache
def environment() -> jinja2.Environment:
    """The templates' environment. Autoescaping is off on purpose: HTML escaping would leave
    Markdown syntax live and double-escape :func:`literal`'s character references, so each
    template names the escaper of each value's context as a filter (tests/test_site_templates.py
    checks that every value it writes goes through one). A value missing from a view is an error
    (StrictUndefined), never an empty string."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("responsibility.site", "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.globals["front_matter"] = front_matter
    return env


def render(template: str, view: Any) -> str:
    return environment().get_template(template).render(v=view)


class SitePages(SiteViews):
    """Renders every page of a policy set: each page's view, through its template."""

    def __init__(
        self, ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = (), directory_urls: bool = True
    ) -> None:
        super().__init__(ps, prefix, xlsx, directory_urls, page_rows=PAGE_ROWS)

    def build(self) -> dict[str, str]:
        return dict(sorted(self.pages()))

    def pages(self) -> Iterator[tuple[str, str]]:
        """Every page as (path, markdown), one at a time (the plugin writes each as it comes)."""
        yield self.paths.home(), render("home.md.j2", self.home())
        yield self.paths.regulations(), render("regulations.md.j2", self.regulations_index())
        for reg in self.ps.regulations.values():
            yield self.paths.regulation(reg.id), self.regulation_page(reg)
        yield self.paths.actors(), render("actors.md.j2", self.actors_index())
        for actor in self.ps.actors.values():
            yield self.paths.actor(actor.id), self.actor_page(actor)
            parts = self.list_parts(actor.id)
            if len(parts) > 1:
                for n, part in enumerate(parts, 1):
                    yield part.page, self.actor_part_page(actor, parts, n)
        yield self.paths.topics(), render("topics.md.j2", self.topics_index())
        for topic_id in self.ps.topics:
            yield self.paths.topic(topic_id), render("topic.md.j2", self.topic(topic_id))
        yield self.paths.central_duties(), render("central_duties.md.j2", self.central_duties_index())
        for entry in self.central_duties():
            yield self.paths.duty(entry.ref), self.central_duty_page(entry)

    def regulation_page(self, reg: Regulation) -> str:
        return render("regulation.md.j2", self.regulation(reg))

    # An actor's page and the parts of its list end at their last line, without the newline
    # after it, as they always have (the pages are compared byte for byte across versions).
    def actor_page(self, actor: Actor) -> str:
        return render("actor.md.j2", self.actor(actor)).removesuffix("\n")

    def actor_part_page(self, actor: Actor, parts: list[ListPart], n: int) -> str:
        return render("actor_part.md.j2", self.actor_part(actor, parts, n)).removesuffix("\n")

    def central_duty_page(self, entry: DutyEntry) -> str:
        return render("central_duty.md.j2", self.central_duty(entry))


def not_found_page(view: NotFoundView) -> str:
    """The article of the site's 404 page (HTML: the theme's 404.html writes it as it stands)."""
    return render("not_found.html.j2", view)


def build_pages(
    ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = (), site: SitePages | None = None
) -> dict[str, str]:
    """Every policy page, ``{path below docs_dir: markdown}``, sorted by path. Deterministic.

    `site`, when given, is the renderer to use (the plugin passes the one whose 责任清单 rows it
    also wrote as XLSX, so the rows are computed once)."""
    if site is None:
        return SitePages(ps, prefix, xlsx).build()
    site.xlsx = frozenset(xlsx)
    return site.build()


def iter_pages(
    ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = (), site: SitePages | None = None
) -> Iterator[tuple[str, str]]:
    """The pages of :func:`build_pages` one at a time, in the order they are made."""
    site = site if site is not None else SitePages(ps, prefix)
    site.xlsx = frozenset(xlsx)
    return site.pages()


XlsxWriter = Callable[[PolicySet, str], bytes]


def responsibility_list_writer() -> XlsxWriter | None:
    """The 责任清单 XLSX writer for one actor (always available: it needs no extra package)."""
    from responsibility.graph.responsibility_list import actor_xlsx

    return actor_xlsx


__all__ = [
    "Paths",
    "SitePages",
    "build_pages",
    "chain_edges",
    "html_text",
    "iter_pages",
    "literal",
    "mermaid_text",
    "page_head",
    "responsibility_list_writer",
]
