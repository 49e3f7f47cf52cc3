"""The site's 404 page is Chinese first (页面不存在, with a short English line after it) and links
back to the home page and the policy index pages, at the addresses the site has: folders with
directory URLs, .html files without, below the path of its site_url, and in the site `docs
build` writes (where the policy home is the site's home). A site's own 404.html in its theme's
custom_dir comes first."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CATALOGUE, SITE_FIXTURES, BuiltSite, mkdocs_build, write_fixture_config
from responsibility.cli.commands.docs import build_site
from responsibility.site.plugin import OVERRIDES, _add_overrides

INDEX_NAMES = ["脱贫攻坚责任制", "规定", "责任主体", "领域", "中央职责的地方落实"]


class NotFound(HTMLParser):
    """The 404 page's article (div.rsp-not-found): its language, heading, paragraphs and links."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.lang: str | None = None
        self.depth = 0  # inside the article's div
        self.h1 = ""
        self.paragraphs: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._in: str | None = None
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "div" and "rsp-not-found" in (a.get("class") or "").split():
            self.depth, self.lang = 1, a.get("lang")
        elif self.depth and tag == "div":
            self.depth += 1
        if not self.depth:
            return
        if tag == "h1":
            self._in = "h1"
        elif tag == "p":
            self._in = "p"
            self.paragraphs.append("")
        elif tag == "a":
            self._in = "a"
            self.links.append((a.get("href") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
        if tag in ("h1", "p", "a"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1 += data
        elif self._in == "p":
            self.paragraphs[-1] += data
        elif self._in == "a":
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)


def _page(site: Path) -> NotFound:
    return NotFound((site / "404.html").read_text("utf-8"))


def _resolves(site: Path, href: str, base: str = "/") -> bool:
    """Whether the absolute URL `href` of a site served at `base` names a page the site has."""
    assert href.startswith(base), href
    rel = href[len(base) :]
    target = site / rel
    return (target / "index.html").is_file() if rel == "" or rel.endswith("/") else target.is_file()


def _assert_chinese_first(page: NotFound) -> None:
    assert page.lang == "zh-CN"  # the article reads as Chinese whatever the theme's language
    assert page.h1.split(" ", 1) == ["页面不存在", "Page not found"]
    assert page.paragraphs[0].startswith("您要打开的页面不存在")
    assert page.paragraphs[1].startswith("The page you asked for does not exist")


def test_the_project_site_has_a_chinese_404_with_links_home(project_site: BuiltSite) -> None:
    page = _page(project_site.path)
    assert page.html_lang == "zh-CN"
    _assert_chinese_first(page)
    # the site's home page, then the policy pages' home and index pages, each as a folder
    assert [h for h, _ in page.links] == [
        "/",
        "/policies/",
        "/policies/regulations/",
        "/policies/actors/",
        "/policies/topics/",
        "/policies/duties/",
    ]
    assert [t.split()[0] for _, t in page.links] == ["首页", *INDEX_NAMES]
    assert all(_resolves(project_site.path, h) for h, _ in page.links)
    # Material's English default is gone, and the title says it too
    source = (project_site.path / "404.html").read_text("utf-8")
    assert "404 - Not found" not in source
    assert "<title>页面不存在 Page not found - " in source


@pytest.fixture(scope="module")
def html_urls_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A county's own site with .html URLs, published below a path of its server."""
    work = tmp_path_factory.mktemp("not-found-html")
    extra = "use_directory_urls: false\nsite_url: https://example.org/county/\n"
    mkdocs_build(write_fixture_config(work, extra), work / "site")
    return work / "site"


def test_with_html_urls_below_a_path_the_links_are_html_files_there(html_urls_site: Path) -> None:
    page = _page(html_urls_site)
    _assert_chinese_first(page)
    assert page.html_lang == "en"  # the fixture's theme keeps Material's default language
    assert [h for h, _ in page.links] == [
        "/county/index.html",
        "/county/rules/index.html",
        "/county/rules/regulations/index.html",
        "/county/rules/actors/index.html",
        "/county/rules/topics/index.html",
        "/county/rules/duties/index.html",
    ]
    assert all(_resolves(html_urls_site, h, "/county/") for h, _ in page.links)


def test_the_docs_build_site_links_its_one_home_and_the_index_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(site, [str(CATALOGUE), str(SITE_FIXTURES)], include_shipped=False)
    page = _page(site)
    assert page.html_lang == "zh-CN"
    _assert_chinese_first(page)
    # the policy home is the site's home: linked once, as 首页
    assert [h for h, _ in page.links] == ["/", "/regulations/", "/actors/", "/topics/", "/duties/"]
    assert [t.split()[0] for _, t in page.links] == ["首页", *INDEX_NAMES[1:]]
    assert all(_resolves(site, h) for h, _ in page.links)


def test_a_site_s_own_404_in_its_custom_dir_comes_first(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    own = tmp_path / "overrides"
    own.mkdir()
    (own / "404.html").write_text('{% extends "main.html" %}', "utf-8")
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n", "utf-8")
    cfg = load_config(str(config))
    _add_overrides(cfg)
    _add_overrides(cfg)  # once only, however often the config is loaded (mkdocs serve)
    assert cfg.theme.dirs[:2] == [str(own), str(OVERRIDES)]
    assert cfg.theme.dirs.count(str(OVERRIDES)) == 1
    found = cfg.theme.get_env().get_template("404.html").filename
    assert found is not None and posixpath.dirname(Path(found).as_posix()) == own.as_posix()
    # without a custom_dir of its own, the site gets the plugin's
    (tmp_path / "plain.yml").write_text("site_name: t\ntheme:\n  name: material\n", "utf-8")
    plain = load_config(str(tmp_path / "plain.yml"))
    _add_overrides(plain)
    found = plain.theme.get_env().get_template("404.html").filename
    assert found is not None and Path(found) == OVERRIDES / "404.html"
