"""Output formats of ``responsibility check``, one module each: text, json, junit, sarif, github.

Each module defines ``render(report, options) -> str``. Output is deterministic: findings are in
file, line, column, code, target order, and no format carries a timestamp.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from responsibility.checks import Finding
from responsibility.checks.runner import Report

FORMATS = ("text", "json", "junit", "sarif", "github")


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    docs_url: str = "docs/rules/"


def renderer(fmt: str) -> Callable[[Report, RenderOptions], str]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    mod = importlib.import_module(f"{__name__}.{fmt}_format")
    fn: Callable[[Report, RenderOptions], str] = mod.render
    return fn


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    return renderer(fmt)(report, options or RenderOptions())


def finding_record(f: Finding) -> dict[str, Any]:
    """The JSON shape of a finding (shared by json and the waived list)."""
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "file": f.file,
        "line": f.line,
        "col": f.col,
        "provision": f.provision or None,
        "target": f.target or None,
        "message": f.message,
        "hint": f.hint or None,
    }


def help_uri(docs_url: str, code: str) -> str:
    return f"{docs_url.rstrip('/')}/{code}.md"
