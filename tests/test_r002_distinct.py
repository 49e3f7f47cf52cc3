"""R002 (a computable provision that cannot be decided) says what tells one finding from another
of the same provision: the place by its name, the year, the rule by its summary and the missing
fact by its label (computable.engine._Ctx.unknown), so no two lines of a run read alike unless
they are the same finding."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.checks.reporters import RenderOptions, render
from responsibility.checks.runner import Options, Report, run
from responsibility.policy.labels import FACT_LABEL

FACTS = ROOT / "tests" / "fixtures" / "check" / "facts"
COMPUTABLE = ROOT / "docs" / "computable.md"

# One row missing a fact that two rules of 武邑 一(一)4 both need (the share and the growth), a
# row whose growth needs a year not given, a row of unknown level judged by two 山西 articles,
# and a change of post with no `counties` row, judged by 中央 第十二条 and 山西 第八条.
COLLIDING = """\
kind: facts
fiscal:
  - {place: cn.hebei.hengshui.wuyi, year: 2017, general_budget_revenue: 1000000000}
  - {place: cn.hebei.hengshui.wuyi, year: 2018, general_budget_revenue: 1000000000, special_poverty_funds: 10000000, reimbursement_rate: 92%}
  - {place: cn.shanxi, level: province, year: 2017, fiscal_poverty_funds: 100}
  - {place: cn.shanxi.xinzhou, year: 2017, fiscal_poverty_funds: 100}
personnel:
  - {place: cn.shanxi.xinzhou.kelan, post: party-secretary, person: 王某, date: 2018-03-01, change: transfer}
"""


def _docs_facts(tmp: Path) -> Path:
    """The facts document of docs/computable.md's "Facts", as a file."""
    text = COMPUTABLE.read_text("utf-8")
    m = re.search(r"## Facts.*?```yaml\n(.*?)```", text, re.S)
    assert m
    path = tmp / "docs-facts.yaml"
    path.write_text(m.group(1), "utf-8")
    return path


def _report(facts: Path) -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run(Options(paths=[ROOT / "policies"], facts=[facts]))


def _r002_lines(report: Report) -> list[str]:
    text = render(report, "text", RenderOptions(color=False))
    return [line for line in text.splitlines() if " R002 " in line]


@pytest.fixture(scope="module")
def colliding(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = tmp_path_factory.mktemp("r002") / "colliding.yaml"
    path.write_text(COLLIDING, "utf-8")
    return _report(path)


def test_the_colliding_run_has_r002s_sharing_a_row_and_a_provision(colliding: Report) -> None:
    found = [f for f in colliding.findings if f.code == "R002"]
    # two rules of one provision at one row: what made their lines identical
    shared = Counter((f.line, f.provision) for f in found)
    assert shared[(3, "武邑 一(一)4")] == 2
    assert len(found) >= 8


@pytest.mark.parametrize("source", ["colliding", "docs", "wuyi-fiscal", "wuyi-fiscal-complete", "shanxi-assessments"])
def test_no_two_r002_lines_of_a_run_are_equal(
    source: str, colliding: Report, tmp_path: Path
) -> None:
    if source == "colliding":
        report = colliding
    elif source == "docs":
        report = _report(_docs_facts(tmp_path))
    else:
        report = _report(FACTS / f"{source}.yaml")
    lines = _r002_lines(report)
    assert len(lines) == len([f for f in report.findings if f.code == "R002"])
    assert len(lines) == len(set(lines)), [line for line, n in Counter(lines).items() if n > 1]


def test_each_r002_names_place_year_rule_and_the_missing_fact(colliding: Report) -> None:
    import responsibility

    ps = responsibility.load()
    summaries = {f"{rs.regulation}/{r.id}": r.summary.zh for rs in ps.rulesets.values() for r in rs.rules}
    for f in (f for f in colliding.findings if f.code == "R002"):
        rule, _, subject = f.target.partition(":")
        place, _, year = subject.partition("/")
        assert f"「{summaries[rule]}」: " in f.message, f.message
        if year:
            assert f" {year}「" in f.message, f.message
        p = ps.places.get(place.split(" ")[0])
        assert (p.name.zh if p else place.split(" ")[0]) in f.message, f.message
        missing = re.search(r"cannot tell: (?:(\S+) )?([a-z_]+) \(\d{4}\) is not in the facts", f.message)
        if missing:  # a missing fact with a label is named by it
            label = FACT_LABEL.get(missing.group(2))
            assert label is not None and missing.group(1) == label[0], f.message


def test_the_wuyi_share_and_growth_read_apart(colliding: Report) -> None:
    at = sorted(f.message for f in colliding.findings if f.code == "R002" and f.line == 3)
    assert at == [
        "武邑县 2017「县本级专项扶贫投入达到县本级公共财政预算收入1%以上」: cannot tell: "
        "县本级专项扶贫投入 special_poverty_funds (2017) is not in the facts",
        "武邑县 2017「财政专项扶贫资金增幅高于一般公共预算收入增幅」: cannot tell: "
        "县本级专项扶贫投入 special_poverty_funds (2017) is not in the facts",
    ]


def test_the_fact_labels_are_the_docs_words() -> None:
    """docs/computable.md's table of facts names each labelled fact as the findings do."""
    text = COMPUTABLE.read_text("utf-8")
    for field, (zh, _) in FACT_LABEL.items():
        assert re.search(rf"`{field}` \({re.escape(zh)}[ :—)]", text), field
