"""Helpers shared by the per-regulation tests (test_central, test_shanxi, test_gansu, test_wuyi)."""

from __future__ import annotations

from responsibility.policy.model import Regulation
from responsibility.policy.policyset import PolicySet, walk_provisions
from responsibility.semantics import applies

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1..99 as printed in article labels: 九, 十, 十九, 二十, 三十六."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + (_DIGITS[units] if units else "")


def implemented_refs(reg: Regulation) -> set[str]:
    """Every parent duty some duty of `reg` names in implements."""
    return {ref for p, _ in walk_provisions(reg) for d in p.duties for ref in d.implements}


def uncovered(ps: PolicySet, reg: Regulation, parent: str, implemented: set[str] | None = None) -> set[str]:
    """Duties of `parent` that apply to `reg` (the checker's one answer, semantics.applies) that
    `reg` neither implements (`implemented`, by default what its duties name) nor declines."""
    done = implemented_refs(reg) if implemented is None else implemented
    declined = {n.duty for n in reg.not_implemented}
    return {
        e.ref
        for e in ps.duties(regulation=parent)
        if applies(ps, e.duty, reg) and e.ref not in done | declined
    }
