"""`implementers` is grouped per regulation from each duty's ancestors; it must name exactly the
descendants of the parent that sit in the regulation, for every parent duty and regulation."""

from __future__ import annotations

import responsibility
from responsibility.semantics import descendants, implementers


def test_implementers_are_the_descendants_in_the_regulation() -> None:
    ps = responsibility.load()
    regs = sorted(ps.regulations)
    compared = 0
    for parent in ps.all_duties():
        below = descendants(ps, parent.ref)
        for reg in regs:
            want = tuple(sorted(d for d in below if ps.duty_entry(d).regulation.id == reg))
            assert implementers(ps, parent.ref, reg) == want, (parent.ref, reg)
            compared += bool(want)
    assert compared > 100  # the shipped rules implement many parent duties: the test has content
