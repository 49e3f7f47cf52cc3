"""Docs that cannot drift: the command table of docs/guide/cli.md and the shipped policies in
README.md are generated from the parser and the package, and must equal what they generate; the
command reference page documents every command and subcommand."""

from __future__ import annotations

import re

import responsibility
from conftest import ROOT
from responsibility.cli.main import command_modules
from responsibility.site.reference import (
    COMMAND_TABLE,
    SHIPPED_TABLE,
    cli_page,
    command_table,
    shipped_policies_table,
    sync_generated,
)

REGENERATE = (
    "regenerate it: .venv/bin/python -c 'from pathlib import Path; from responsibility.site.reference import *; "
    "p = Path(\"{page}\"); p.write_text(sync_generated(p.read_text(), {markers}, {function}()))'"
)


def _between(text: str, markers: tuple[str, str]) -> str:
    begin, end = markers
    return text.split(begin + "\n", 1)[1].split(end, 1)[0]


def test_the_guide_lists_every_command_as_the_parser_has_it() -> None:
    guide = (ROOT / "docs" / "guide" / "cli.md").read_text("utf-8")
    assert _between(guide, COMMAND_TABLE) == command_table(), REGENERATE.format(
        page="docs/guide/cli.md", markers="COMMAND_TABLE", function="command_table"
    )


def test_the_command_table_has_every_command() -> None:
    table = command_table()
    for mod in command_modules():
        assert f"| `responsibility {mod.name}" in table
    for nested in ("docs build", "docs serve"):
        assert f"| `responsibility {nested}" in table
    assert "`responsibility compare REG_A REG_B`" in table  # positionals as the parser names them
    assert "`responsibility check [PATH …]`" in table


def test_the_readme_lists_every_shipped_policy() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert _between(readme, SHIPPED_TABLE) == shipped_policies_table(), REGENERATE.format(
        page="README.md", markers="SHIPPED_TABLE", function="shipped_policies_table"
    )


def test_the_shipped_table_names_each_regulation_of_load_once() -> None:
    ps = responsibility.load()
    table = shipped_policies_table()
    rows = [ln for ln in table.splitlines() if ln.startswith("| `policies/")]
    assert len(rows) == len(ps.regulations)
    for reg in ps.regulations.values():
        assert sum(f"| {reg.title.zh} |" in ln for ln in rows) == 1
    assert "麻江" in table  # the one the hand-written list left out


def test_sync_generated_replaces_only_between_the_markers() -> None:
    markers = ("<!-- a -->", "<!-- end -->")
    text = "head\n<!-- a -->\nold\n<!-- end -->\ntail\n"
    assert sync_generated(text, markers, "new\n") == "head\n<!-- a -->\nnew\n<!-- end -->\ntail\n"


def test_the_reference_page_documents_every_command_and_subcommand() -> None:
    page = cli_page()
    for mod in command_modules():
        assert f"## `responsibility {mod.name}`" in page
        assert re.search(rf"usage: responsibility {re.escape(mod.name)}\b", page)
    assert "### `responsibility docs build`" in page and "usage: responsibility docs build" in page
