"""`validate` holds one document at a time; `load` holds them all. Both run the same checks
(policy/references.py in two steps), so on any policy set they must report the same findings,
byte for byte, and the same counts when the set is valid."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.core.errors import PolicyError
from responsibility.policy import cache, loader
from responsibility.policy.loader import Counts, Summary, validate

GRAPH = ROOT / "tests" / "fixtures" / "graph"

# An actor's other name quotes a regulation and a rules document quotes one: the two checks that
# read another document's text, which the streaming validate must fetch again.
ALIAS = """  role: county.government
  place: cn.hebei.hengshui.wuyi
  level: county
  aliases:
  - zh: 县政府
    regulation: fx-wuyi
    provision: sec_1__item_1
    quote: 县委、县政府与乡镇党委
"""
RULES = """kind: rules
regulation: fx-central
cite_as: 测试
rules:
- id: no-move
  kind: event
  provisions: [art_2]
  summary: {zh: 测试, en: Test}
  quote: 组织实施对省级党委和政府扶贫开发工作成效考核
  applies: post in ["party-secretary"]
  forbid: poor_county and not exited
"""


def _base(root: Path) -> list[Path]:
    """The shipped catalogue, the three graph fixtures (central ← hebei ← wuyi), an alias and a
    rules document: a valid set of six files across four folders. Returns its YAML files."""
    shutil.copytree(ROOT / "policies" / "catalogue", root / "catalogue")
    for name in ("fx-central", "fx-hebei", "fx-wuyi"):
        shutil.copytree(GRAPH / name, root / name)
    wuyi = root / "fx-wuyi" / "fx-wuyi.yaml"
    wuyi.write_text(wuyi.read_text("utf-8").replace(ALIAS.split("  aliases:")[0], ALIAS, 1), "utf-8")
    (root / "fx-central" / "fx-central.rules.yaml").write_text(RULES, "utf-8")
    return sorted(root.rglob("*.yaml"))


# Ids the files declare and name; a mutation changes one occurrence of one of them.
IDS = [
    "fx-central",
    "fx-hebei",
    "fx-wuyi",
    "fx-central/art_5/principal",
    "fx.wuyi.county",
    "fx.wuyi.county-government",
    "cn.hebei.hengshui.wuyi",
    "cn.hebei.hengshui.wuyi.fx-town-a",
    "province.party-committee-and-government",
    "central.leading-group",
    "art_2",
    "sec_1__item_1",
    "principal",
    "assessment-result",
    "responsibility-system",
]

# Lines that close a loop across files when written into a file: (file, anchor line, new line).
CYCLES = [
    # regulation implements: central implements the county rule that implements it
    ("fx-central/fx-central.yaml", "jurisdiction: cn\n", "jurisdiction: cn\nimplements: [fx-wuyi]\n"),
    # duty implements: the central duty the county's principal duty implements implements it back
    (
        "fx-central/fx-central.yaml",
        "      quote: 县级党委和政府承担脱贫攻坚主体责任\n",
        "      quote: 县级党委和政府承担脱贫攻坚主体责任\n      implements: [fx-wuyi/sec_1__item_1/principal]\n",
    ),
    # place parents: the catalogue's county made a child of a township the county rule declares
    (
        "catalogue/shared.yaml",
        "    en: Wuyi County\n  level: county\n  parent: cn.hebei.hengshui\n",
        "    en: Wuyi County\n  level: county\n  parent: cn.hebei.hengshui.wuyi.fx-town-a\n",
    ),
    # composite members: the county composite made a member of itself
    (
        "fx-wuyi/fx-wuyi.yaml",
        "members: [fx.wuyi.county-committee, fx.wuyi.county-government]",
        "members: [fx.wuyi.county-committee, fx.wuyi.county]",
    ),
]

mutation = st.one_of(
    st.tuples(st.just("rename"), st.sampled_from(IDS), st.integers(0, 30), st.sampled_from(["x", "-x", "q"])),
    st.tuples(st.just("duplicate"), st.integers(0, 20)),
    st.tuples(st.just("cycle"), st.integers(0, len(CYCLES) - 1)),
    st.tuples(st.just("quote"), st.integers(0, 20), st.integers(0, 40)),
    st.tuples(st.just("drop"), st.integers(0, 20), st.integers(0, 400)),
)


def _mutate(root: Path, files: list[Path], m: tuple[object, ...]) -> None:
    kind = m[0]
    if kind == "rename":  # a dangling reference, or a declaration its users no longer find
        _, wanted, nth, suffix = m
        assert isinstance(wanted, str) and isinstance(nth, int) and isinstance(suffix, str)
        hits = [
            (f, x.start())
            for f in files
            if f.exists()
            for x in re.finditer(rf"(?<![\w./-]){re.escape(wanted)}(?![\w./-])", f.read_text("utf-8"))
        ]
        if hits:
            f, at = hits[nth % len(hits)]
            text = f.read_text("utf-8")
            f.write_text(text[: at + len(wanted)] + suffix + text[at + len(wanted) :], "utf-8")
    elif kind == "duplicate":  # every id of a file declared twice, in another folder
        _, nth = m
        assert isinstance(nth, int)
        f = files[nth % len(files)]
        if f.exists():
            (root / "copies").mkdir(exist_ok=True)
            shutil.copy(f, root / "copies" / f"{len(list((root / 'copies').iterdir()))}-{f.name}")
    elif kind == "cycle":
        _, nth = m
        assert isinstance(nth, int)
        name, anchor, line = CYCLES[nth]
        f = root / name
        f.write_text(f.read_text("utf-8").replace(anchor, line, 1), "utf-8")  # once: the anchor is gone
    elif kind == "quote":  # a quote that is no longer in its provision
        _, nth, at = m
        assert isinstance(nth, int) and isinstance(at, int)
        # the catalogue's other names quote shipped regulations, which this set leaves out
        quoting = [f for f in files if "catalogue" not in f.parts]
        f = quoting[nth % len(quoting)]
        if f.exists():
            lines = f.read_text("utf-8").splitlines(keepends=True)
            quotes = [i for i, x in enumerate(lines) if "quote:" in x]
            if quotes:
                i = quotes[at % len(quotes)]
                lines[i] = lines[i].rstrip("\n") + "之\n"
                f.write_text("".join(lines), "utf-8")
    else:  # a line dropped: shape errors and references lost
        _, nth, at = m
        assert isinstance(nth, int) and isinstance(at, int)
        f = files[nth % len(files)]
        if f.exists():
            lines = f.read_text("utf-8").splitlines(keepends=True)
            if lines:
                del lines[at % len(lines)]
                f.write_text("".join(lines), "utf-8")


def _outcome(run: object) -> tuple[str, ...] | Counts:
    """The findings, formatted as the command line prints them, or the counts of a valid set."""
    assert callable(run)
    try:
        result = run()
    except PolicyError as exc:
        return tuple(d.format() for d in exc.diagnostics)
    if isinstance(result, Summary):
        return result.counts
    ps = result
    return Counts(len(ps.regulations), len(ps.provisions()), len(ps.all_duties()), len(ps.actors))


@contextmanager
def _cache_dir(on: bool) -> Iterator[None]:
    with tempfile.TemporaryDirectory() as folder:
        old = os.environ.get(cache.ENV_DIR)
        os.environ[cache.ENV_DIR] = folder
        try:
            with cache.setting(on):
                yield
        finally:
            if old is None:
                del os.environ[cache.ENV_DIR]
            else:
                os.environ[cache.ENV_DIR] = old


@contextmanager
def _holding(hold: bool) -> Iterator[None]:
    """validate holds a small set's documents (loader.HOLD_BUDGET); with none held, every
    document the joined checks need is read again from its file."""
    old = loader.HOLD_BUDGET
    loader.HOLD_BUDGET = old if hold else 0
    try:
        yield
    finally:
        loader.HOLD_BUDGET = old


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=0, max_size=4), st.booleans(), st.booleans())
def test_validate_reports_what_load_reports(
    mutations: list[tuple[object, ...]], use_cache: bool, hold: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp, _cache_dir(use_cache), _holding(hold):
        root = Path(tmp)
        files = _base(root)
        for m in mutations:
            _mutate(root, files, m)
        full = _outcome(lambda: responsibility.load([root], include_shipped=False))
        streamed = _outcome(lambda: validate([root], include_shipped=False))
        assert streamed == full
        # a second run (from the cache, when it is on) reports the same again
        assert _outcome(lambda: validate([root], include_shipped=False)) == full


def test_the_base_set_is_valid_and_quotes_across_documents(tmp_path: Path) -> None:
    """The hypothesis test starts from a valid set whose alias and rules document quote other
    documents (so the fetch-again path is on every example's way)."""
    _base(tmp_path)
    with cache.setting(False):
        assert validate([tmp_path], include_shipped=False).counts == Counts(3, 9, 19, 84)
        ps = responsibility.load([tmp_path], include_shipped=False)
    assert ps.actors["fx.wuyi.county-government"].aliases and ps.rulesets


@pytest.mark.parametrize("hold", [True, False])
@pytest.mark.parametrize("kind", range(len(CYCLES)))
def test_each_cycle_across_files_is_found_by_both(tmp_path: Path, kind: int, hold: bool) -> None:
    files = _base(tmp_path)
    _mutate(tmp_path, files, ("cycle", kind))
    with cache.setting(False), _holding(hold):
        full = _outcome(lambda: responsibility.load([tmp_path], include_shipped=False))
        streamed = _outcome(lambda: validate([tmp_path], include_shipped=False))
    assert isinstance(full, tuple) and f"E02{5 + kind}" in " ".join(full)
    assert streamed == full


def test_a_small_set_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within HOLD_BUDGET the documents the joined checks quote are held, not read again; with
    no budget they are read again, and the answer is the same."""
    _base(tmp_path)
    reads: list[str] = []
    real = loader._read_again

    def counted(doc: loader._Doc) -> loader.Document:
        reads.append(doc.display)
        return real(doc)

    monkeypatch.setattr(loader, "_read_again", counted)
    with cache.setting(False):
        held = validate([tmp_path], include_shipped=False)
        assert reads == []
        with _holding(False):
            again = validate([tmp_path], include_shipped=False)
    assert reads and again == held


def test_a_file_changed_before_it_is_read_again_is_a_finding(tmp_path: Path) -> None:
    """validate reads a document again to report on it; if its bytes changed since it was
    checked, the finding says so rather than reporting on other text."""
    f = tmp_path / "fx-wuyi.yaml"
    shutil.copy(GRAPH / "fx-wuyi" / "fx-wuyi.yaml", f)
    doc = loader.read_document(f)
    assert doc is not None
    f.write_text(f.read_text("utf-8").replace("武邑县委", "武邑县党委"), "utf-8")
    with pytest.raises(PolicyError) as info:
        loader._read_again(doc)
    [d] = info.value.diagnostics
    assert d.code == "E009" and "changed while it was being validated" in d.message


def test_validate_counts_the_shipped_policies_as_load_does() -> None:
    with cache.setting(False):
        ps = responsibility.load()
        assert validate().counts == Counts(
            len(ps.regulations), len(ps.provisions()), len(ps.all_duties()), len(ps.actors)
        )
