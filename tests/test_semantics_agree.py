"""Check, trace and the site give one answer to "is this parent duty missing here?".

For every shipped regulation and every fixture set, C001's findings, `trace`'s "missing" rows and
the 缺失 list of the site's regulation page are the same set of parent duties (they all read
semantics.parent_status; this keeps any face from growing its own answer again). The same holds
for not-assessed: the excerpt fixture's not-assessed set is the site's 未收录 list, and no face
calls those duties missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import responsibility
from conftest import ROOT
from responsibility.checks.runner import Options, run
from responsibility.graph.queries import TraceStatus, trace
from responsibility.policy.policyset import PolicySet
from responsibility.site.pages import SitePages

FIXTURES = ROOT / "tests" / "fixtures"

# (regulations checked, extra policies for their parents, whether shipped policies load too)
SETS: dict[str, tuple[list[Path], list[Path], bool]] = {
    "shipped": ([ROOT / "policies"], [], True),
    "check-base": ([FIXTURES / "check" / "base"], [FIXTURES / "check" / "parent"], True),
    "site": ([FIXTURES / "site" / "centre.yaml", *sorted((FIXTURES / "site").glob("county_*.yaml")),
              FIXTURES / "site" / "province.yaml"], [], True),
    "graph": ([FIXTURES / "graph"], [], True),
    "excerpt": ([FIXTURES / "excerpt"], [], True),
    # every conformance rule's passing and failing case (each a copy of the base with one edit)
    **{
        f"check-{case.parent.name}-{case.name}": ([case], [FIXTURES / "check" / "parent"], True)
        for case in sorted((FIXTURES / "check" / "rules").glob("C00[1-6]/*"))
    },
}  # fmt: skip

LINK = re.compile(r"[(/]([a-z0-9-]+)\.md#([a-z0-9_]+)--([a-z0-9-]+)\)")


def _load(name: str) -> PolicySet:
    paths, policies, shipped = SETS[name]
    return responsibility.load([*policies, *paths], include_shipped=shipped)


def _checked(ps: PolicySet, name: str) -> list[str]:
    """The regulations of the set that have parents in the library (the ones C001 looks at)."""
    paths = SETS[name][0]
    roots = [p.resolve() for p in paths]
    out = []
    for reg_id, reg in ps.regulations.items():
        origin = ps.sources[reg_id].origin
        if origin is None or not any(Path(origin) == r or r in Path(origin).parents for r in roots):
            continue
        if any(p in ps.regulations for p in reg.implements):
            out.append(reg_id)
    return out


def _c001(name: str, ps: PolicySet) -> dict[str, set[str]]:
    paths, policies, shipped = SETS[name]
    report = run(Options(paths=paths, policies=policies, include_shipped=shipped))
    by_file = {str(Path(src.origin)): key for key, src in ps.sources.items() if src.origin}
    out: dict[str, set[str]] = {}
    for f in report.findings:
        if f.code == "C001":
            reg = by_file[str(Path(f.file).resolve())]
            out.setdefault(reg, set()).add(f.target)
    return out


def _trace(ps: PolicySet, reg_id: str, status: TraceStatus) -> set[str]:
    out = set()
    for parent in ps.regulations[reg_id].implements:
        if parent not in ps.regulations:
            continue
        for e in ps.duties(regulation=parent):
            rows = [r for r in trace(ps, e.ref).regulations if r.regulation == reg_id]
            assert len(rows) == 1, (e.ref, reg_id)
            if rows[0].status == status:
                out.add(e.ref)
    return out


def _site(ps: PolicySet, reg_id: str, heading: str) -> set[str]:
    """The duties the regulation's page lists under `heading`, in each parent's section."""
    lines = SitePages(ps, "policies").regulation_page(ps.regulations[reg_id]).split("\n")
    out: set[str] = set()
    for at in [i for i, line in enumerate(lines) if line == heading]:
        for line in lines[at + 2 :]:
            if not line.startswith("- "):
                break
            out |= {"/".join(m.groups()) for m in LINK.finditer(line)}
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_c001_trace_and_site_name_the_same_missing_duties(name: str) -> None:
    ps = _load(name)
    checked = _checked(ps, name)
    assert checked, f"{name}: no regulation with a parent in the library"
    c001 = _c001(name, ps)
    for reg_id in checked:
        traced = _trace(ps, reg_id, TraceStatus.missing)
        site = _site(ps, reg_id, '**缺失 <span class="rsp-en" lang="en">Missing</span>**')
        assert c001.get(reg_id, set()) == traced == site, reg_id


def test_the_c001_fixture_is_not_vacuous() -> None:
    """The comparison above sees at least one missing duty (else equal empty sets prove nothing)."""
    ps = _load("check-C001-fail")
    assert _c001("check-C001-fail", ps) == {"fx-county": {"fx-province/art_4/sign-letter"}}


def test_excerpt_not_assessed_agrees_across_faces() -> None:
    ps = _load("excerpt")
    not_assessed = _trace(ps, "fx-excerpt", TraceStatus.not_assessed)
    assert "central/art_10/adjust-spending" in not_assessed
    assert (
        _site(ps, "fx-excerpt", '**未收录 <span class="rsp-en" lang="en">Not in the received text</span>**')
        == not_assessed
    )
    assert not _c001("excerpt", ps)
    assert not _trace(ps, "fx-excerpt", TraceStatus.missing)
    assert not _trace(ps, "fx-excerpt", TraceStatus.not_implemented)
