"""`validate PATH` says what the PATHs hold, apart from what was loaded with them: a county that
validates its one folder reads 1 regulation, then the whole set it was validated in (with the
shipped policies it builds on). The counting is the library's (`loader.validate`'s Summary: each
document counted, with the paths it lies under); the command line only prints it. Without PATH
the line is the shipped set's, as it always was.

(The result cache replaying these lines: test_result_cache_validate_summary.py.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import responsibility
from conftest import ROOT
from responsibility.cli.main import main
from responsibility.policy import cache
from responsibility.policy.loader import Counts, validate
from responsibility.policy.policyset import PolicySet

POLICIES = ROOT / "policies"
COUNTS = r"\d+ regulations?, \d+ provisions?, \d+ dut(?:y|ies), \d+ actors?"
LINE = re.compile(
    rf"ok: (?P<paths>.+): (?P<held>{COUNTS})(?: \(in all with (?P<with>[^:]+): (?P<all>{COUNTS})\))?\n"
)


def _counts(ps: PolicySet, regs: list[str], actors: int) -> Counts:
    return Counts(
        len(regs),
        sum(len(ps.provisions(r)) for r in regs),
        sum(len(ps.duties(r)) for r in regs),
        actors,
    )


def _own_actors(ps: PolicySet, reg: str) -> int:
    return len(ps.regulation(reg).actors)


@pytest.fixture(scope="module")
def shipped() -> PolicySet:
    return responsibility.load()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# -- the library -------------------------------------------------------------------------------------


def test_a_shipped_folder_named_is_counted_as_the_user_s(shipped: PolicySet) -> None:
    """In a checkout, policies/wuyi is also shipped: it is read once, and is the path's."""
    with cache.setting(False):
        n = validate([POLICIES / "wuyi"])
    wuyi = _counts(shipped, ["wuyi"], _own_actors(shipped, "wuyi"))
    assert n.within([0]) == wuyi and wuyi.regulations == 1
    whole = _counts(shipped, list(shipped.regulations), len(shipped.actors))
    assert n.counts == whole and whole.regulations == len(shipped.regulations) > 1
    under = {(d.kind, d.id) for d in n.documents if d.under}
    assert under == {("regulation", "wuyi"), ("rules", "wuyi")}  # its rules file is in the folder too


def test_a_county_s_own_copy_replaces_the_shipped_one_and_is_counted_once(
    tmp_path: Path, shipped: PolicySet
) -> None:
    shutil.copytree(POLICIES / "wuyi", tmp_path / "wuyi")
    shutil.copytree(POLICIES / "guizhou" / "majiang", tmp_path / "majiang")
    paths = [tmp_path / "wuyi", tmp_path / "majiang", tmp_path / "wuyi" / "wuyi.yaml"]
    with cache.setting(False):
        n = validate(paths)
    wuyi = _counts(shipped, ["wuyi"], _own_actors(shipped, "wuyi"))
    majiang = _counts(shipped, ["majiang"], _own_actors(shipped, "majiang"))
    assert n.within([0]) == n.within([2]) == n.within([0, 2]) == wuyi  # one file, reached twice
    assert n.within([1]) == majiang
    assert n.within([0, 1, 2]) == Counts(
        2, wuyi.provisions + majiang.provisions, wuyi.duties + majiang.duties, wuyi.actors + majiang.actors
    )
    assert n.within([]) == Counts()
    # the copies replace the shipped documents of the same ids: the set is the shipped set's size
    assert n.counts == _counts(shipped, list(shipped.regulations), len(shipped.actors))
    assert len(n.documents) == len({(d.kind, d.id) for d in n.documents})


def test_without_the_shipped_policies_the_paths_are_the_whole_set(tmp_path: Path) -> None:
    for part in ("catalogue", "central"):
        shutil.copytree(POLICIES / part, tmp_path / part)
    with cache.setting(False):
        n = validate([tmp_path / "central", tmp_path / "catalogue"], include_shipped=False)
    assert n.within([0, 1]) == n.counts and n.counts.regulations == 1
    assert n.within([0]).actors == 0 < n.within([1]).actors == n.counts.actors  # actors: the catalogue's


# -- the command line --------------------------------------------------------------------------------


def test_without_a_path_the_shipped_set_is_summarised_as_before(
    capsys: pytest.CaptureFixture[str], shipped: PolicySet
) -> None:
    out = _run(capsys, "validate")
    whole = _counts(shipped, list(shipped.regulations), len(shipped.actors))
    assert out == (
        f"ok: {whole.regulations} regulations, {whole.provisions} provisions, "
        f"{whole.duties} duties, {whole.actors} actors\n"
    )


def test_a_folder_is_summarised_then_the_set_it_loaded_with(
    capsys: pytest.CaptureFixture[str], shipped: PolicySet
) -> None:
    out = _run(capsys, "validate", "policies/wuyi")
    m = LINE.fullmatch(out)
    assert m, out
    wuyi = _counts(shipped, ["wuyi"], _own_actors(shipped, "wuyi"))
    assert m["paths"] == "policies/wuyi"
    assert (
        m["held"] == f"1 regulation, {wuyi.provisions} provisions, {wuyi.duties} duties, {wuyi.actors} actors"
    )
    assert m["with"] == "the shipped policies"
    assert m["all"] == _run(capsys, "validate").removeprefix("ok: ").rstrip("\n")


def test_what_else_was_loaded_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copytree(POLICIES / "central", tmp_path / "central")
    shutil.copytree(POLICIES / "catalogue", tmp_path / "catalogue")
    central, catalogue = str(tmp_path / "central"), str(tmp_path / "catalogue")
    only = LINE.fullmatch(_run(capsys, "validate", "--no-shipped", central, "--policies", catalogue))
    assert only and only["with"] == "--policies" and only["held"].endswith(", 0 actors")
    both = LINE.fullmatch(_run(capsys, "validate", central, "--policies", catalogue))
    assert both and both["with"] == "the shipped policies and --policies"
    # nothing else loaded: the paths' counts are the whole line
    alone = LINE.fullmatch(_run(capsys, "validate", "--no-shipped", central, catalogue))
    assert alone and alone["with"] is None and alone["paths"] == f"{central}, {catalogue}"


def test_many_paths_are_counted_and_an_odd_name_stays_on_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = tmp_path / "county\nrules"
    for part in ("catalogue", "central", "guizhou"):
        shutil.copytree(POLICIES / part, odd / part)
    named = [str(odd / p) for p in ("catalogue", "central", "guizhou/majiang/majiang.yaml")]
    out = _run(capsys, "validate", "--no-shipped", *named)
    assert out.count("\n") == 1 and "county\\nrules" in out  # the newline escaped as Python writes it
    out = _run(capsys, "validate", "--no-shipped", *named, str(odd / "guizhou"))
    m = LINE.fullmatch(out)
    assert m and m["paths"] == "4 paths" and m["held"].startswith("2 regulations, ")
