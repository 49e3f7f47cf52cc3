"""MkDocs hook of the project's own site: reference pages generated from the code at build time.

The schema, the Python API and the commands come from `responsibility.site.reference`; the rule
catalogue is listed from `docs/rules/*.md` when the checker's rule pages are there, and is
added to the navigation only then.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from responsibility.site.reference import api_page, cli_page, rules_page, schema_page

RULES_INDEX = "rules/index.md"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = {
        "reference/schema.md": schema_page(),
        "reference/api.md": api_page(),
        "reference/cli.md": cli_page(),
    }
    rules = rules_page(Path(config.docs_dir) / "rules")
    if rules is not None and files.get_file_from_path(RULES_INDEX) is None:
        pages[RULES_INDEX] = rules
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    # Rule pages are reached from the catalogue, which on_nav adds: no "not in nav" notices.
    for f in files.documentation_pages():
        if f.src_uri.startswith("rules/"):
            f.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    index = files.get_file_from_path(RULES_INDEX)
    if index is None or index.page is None:
        return nav
    reference = next((s for s in nav.items if isinstance(s, Section) and s.title == "Reference"), None)
    if reference is not None and index.page not in reference.children:
        page: Page = index.page
        page.title = "Rule catalogue"
        page.parent = reference
        reference.children.append(page)
    return nav
