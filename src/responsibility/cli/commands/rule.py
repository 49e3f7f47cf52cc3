"""Print the documentation of a rule of `responsibility check` (by code or name), list every rule,
or write the generated rule pages (docs/rules/*.md)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from responsibility.checks import RULES, rule
from responsibility.checks.docs import rule_page, write_pages
from responsibility.cli.commands._common import write
from responsibility.core.table import render

PARENTS: tuple[argparse.ArgumentParser, ...] = ()


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("code", nargs="?", metavar="CODE", help="rule code or name; omit to list all rules")
    p.add_argument("--write", metavar="DIR", help="write every rule page into DIR (docs/rules)")
    p.add_argument("--force", action="store_true", help="overwrite pages that differ")


def for_terminal(markdown: str) -> str:
    """A rule page as plain text: no HTML comments, headings as plain lines (the title
    underlined), code blocks indented, no ** around words. `rule --write` keeps
    the Markdown."""
    markdown = re.sub(r"<!--.*?-->\n*", "", markdown, flags=re.S)
    out: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            out.append("    " + line)
            continue
        heading = re.match(r"(#+)\s+(.*)", line)
        if heading:
            text = _inline(heading.group(2))
            out.append(text)
            if len(heading.group(1)) == 1:
                out.append("=" * len(text))
            continue
        out.append(_inline(line))
    return "\n".join(out).strip("\n") + "\n"


def _inline(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", text)  # [text](url) → text (url)
    return text.replace("**", "")  # `ids` keep their backquotes: they mark what to type


def run(args: argparse.Namespace) -> int:
    if args.write:
        for path in write_pages(Path(args.write), args.force):
            write(f"wrote {path}\n")
        return 0
    if args.code:
        write(for_terminal(rule_page(rule(args.code))))
        return 0
    rows = [[r.code, r.name, r.severity.value, r.category.value, r.summary] for r in RULES.values()]
    write(render(["code", "name", "severity", "category", "checks"], rows))
    return 0
