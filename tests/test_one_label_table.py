"""The 责任清单 words a counterparty's role as the one label table does (issue 12, item 6).

It once had its own table (报送, 审定) beside labels.ROLE_LABEL (报告, 审批), so the list and the
site named the same relation two ways.
"""

from __future__ import annotations

import ast
from pathlib import Path

import responsibility
from responsibility.graph.responsibility_list import rows
from responsibility.policy.labels import ROLE_LABEL
from responsibility.policy.model import UPWARD_ROLES, CounterpartyRole

SRC = Path(__file__).resolve().parent.parent / "src" / "responsibility"


def test_every_listed_counterparty_is_worded_by_the_label_table() -> None:
    ps = responsibility.load()
    words = {ROLE_LABEL[r][0] for r in UPWARD_ROLES}
    seen: set[str] = set()
    for reg in ps.regulations:
        for row in rows(ps, reg):
            for part in filter(None, row.counterparties.split("；")):
                verb = part.split(": ", 1)[0]
                assert verb in words, (reg, row.number, part)
                seen.add(verb)
    # the shipped rules name reporting and signing counterparties at least
    assert {ROLE_LABEL[CounterpartyRole.reports_to][0], ROLE_LABEL[CounterpartyRole.signs_with][0]} <= seen


def test_no_module_but_labels_maps_roles_to_chinese() -> None:
    """A dict keyed by CounterpartyRole members with str values lives only in labels.py."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "labels.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Dict) and node.keys and all(
                isinstance(k, ast.Attribute)
                and isinstance(k.value, ast.Name)
                and k.value.id == "CounterpartyRole"
                for k in node.keys
            ) and any(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not offenders
