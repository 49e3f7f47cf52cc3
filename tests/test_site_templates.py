"""The page templates: every value they write goes through the escaper of its context, and
hostile text comes out inert in each context (Markdown and HTML text, the page title, HTML
attributes, Mermaid labels).

(The pages themselves are checked by the other site tests; the browser test test_site_xss.py
opens the same hostile site in Chromium.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

import responsibility
from conftest import ROOT
from responsibility.site.pages import build_pages, environment
from responsibility.site.render import FILTERS

TEMPLATES = ROOT / "src" / "responsibility" / "site" / "templates"
# the filters that make a value safe where it lands (a count and a date are digits; an id is
# refused unless a slug; a link target unless it holds nothing that could end it)
ESCAPERS = set(FILTERS)
CALLABLE = {"front_matter", "loop"}  # front_matter escapes the title itself (html_text, YAML)


def _templates() -> dict[str, nodes.Template]:
    env = environment()
    return {p.name: env.parse(p.read_text("utf-8")) for p in sorted(TEMPLATES.glob("*.j2"))}


def _callee(call: nodes.Call) -> str:
    target = call.node
    if isinstance(target, nodes.Getattr):
        return target.attr
    assert isinstance(target, nodes.Name), target
    return target.name


def test_the_templates_are_all_found() -> None:
    names = set(_templates())
    assert {"home.md.j2", "regulation.md.j2", "actor.md.j2", "topic.md.j2", "central_duty.md.j2"} <= names
    assert not environment().autoescape  # each value names its escaper instead (see pages.environment)


def test_every_value_a_template_writes_goes_through_an_escaper() -> None:
    trees = _templates()
    macros = {m.name for t in trees.values() for m in t.find_all(nodes.Macro)}
    unescaped = []
    for name, tree in trees.items():
        for out in tree.find_all(nodes.Output):
            for node in out.nodes:
                if isinstance(node, nodes.TemplateData):
                    continue
                if isinstance(node, nodes.Filter) and node.name in ESCAPERS:
                    continue
                if isinstance(node, nodes.Call) and _callee(node) in macros | CALLABLE:
                    continue
                unescaped.append(f"{name}:{node.lineno}: {node}")
    assert not unescaped, "\n".join(unescaped)


def test_a_value_missing_from_a_view_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().get_template("topics.md.j2").render(v=object())


@pytest.fixture(scope="module")
def hostile() -> dict[str, str]:
    ps = responsibility.load([ROOT / "tests" / "fixtures" / "site-xss"])
    return build_pages(ps, xlsx=list(ps.actors))


# The fixture's every text field is «field» followed by `</title><script>…`, Markdown, Jinja,
# a Mermaid break-out, quotes, backticks, pipes, `[x](y)` links and `<!--`.
LITERAL = "&#60;&#47;title&#62;&#60;script&#62;"  # Markdown and HTML text, attribute-free
HTML_TEXT = "&lt;/title&gt;&lt;script&gt;"  # the title in front matter, the chain's list items
MERMAID = "#60;#47;title#62;#60;script#62;"  # a Mermaid label


def _context(line: str, in_mermaid: bool) -> str:
    if in_mermaid:
        return "mermaid"
    # the title in front matter (YAML, then HTML in the theme) and the chain's list items (a raw
    # HTML block: Markdown is not read inside it) are escaped for HTML
    if line.startswith('"title": "') or line.startswith('<ul class="rsp-chain-list">'):
        return "html"
    return "literal"


def test_hostile_text_is_escaped_in_every_context(hostile: dict[str, str]) -> None:
    seen = {"literal": 0, "html": 0, "mermaid": 0}
    for path, page in hostile.items():
        assert "<script" not in page, path
        in_mermaid = False
        for line in page.split("\n"):
            in_mermaid = line.startswith("```mermaid") or (in_mermaid and line != "```")
            context = _context(line, in_mermaid)
            if context == "mermaid":
                for label in re.findall(r'"([^"]*)"', line):
                    assert all(ch.isalnum() or ch in " #;" for ch in label), (path, label)
                seen["mermaid"] += line.count("#187;" + MERMAID)
                continue
            expected = LITERAL if context == "literal" else HTML_TEXT
            for after in line.split("»")[1:]:
                # a field's text ends at its marker's payload, or (a note naming another field)
                # at text that cannot start markup
                if after.startswith(expected):
                    seen[context] += 1
                else:
                    assert not re.match(r"[<>\"'\[\]*|`{}]", after), (path, context, after[:60])
            if context == "literal" and line != "```":  # nothing Markdown, Jinja or HTML reads survives
                for raw in ("javascript:", "{{", "{%", "<!--", "`", "|表|", "**粗**", "==标==", "<img"):
                    assert raw not in line, (path, raw, line[:120])
    assert all(seen.values()), seen  # every context was exercised


def test_hostile_text_never_reaches_an_attribute_or_a_link_target(hostile: dict[str, str]) -> None:
    for path, page in hostile.items():
        for value in re.findall(r'(?:href|id)="([^"]*)"', page):
            assert re.fullmatch(r"[a-z0-9._/#-]*", value), (path, value)
        for line in page.split("\n"):
            if _context(line, False) != "literal":
                continue
            for target in re.findall(r"\]\(([^)]*)\)", line):
                assert re.fullmatch(r"[a-z0-9._/#-]*", target), (path, target)
            for anchor in re.findall(r"\{ #([^ ]*) \}", line):
                assert re.fullmatch(r"[a-z0-9_.-]+", anchor), (path, anchor)


def test_ids_that_are_not_slugs_are_refused() -> None:
    env = environment()
    with pytest.raises(ValueError, match="not a slug"):
        env.from_string("{{ x|slug }}").render(x="a }<b")
    with pytest.raises(ValueError, match="not a safe link"):
        env.from_string("{{ x|md_url }}").render(x="a) [b](javascript:c")


def test_template_files_ship_in_the_package() -> None:
    import responsibility.site

    here = Path(responsibility.site.__file__).parent / "templates"
    assert {p.name for p in here.glob("*.md.j2")} >= {"home.md.j2", "regulation.md.j2"}


def test_the_docs_command_loads_without_jinja() -> None:
    """The docs command tells a user without the docs extra what to install: its module must load
    without Jinja (only the page templates need it)."""
    code = (
        "import sys\n"
        "sys.modules['jinja2'] = None  # importing it now fails, as when it is not installed\n"
        "import responsibility.cli.commands.docs\n"
        "import responsibility.site.render\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
