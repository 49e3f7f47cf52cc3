"""Positions kept in the policy cache: a run that finds a document in the cache finds its positions
there too, rather than parsing the file again to point a finding at a line; the positions are the
very ones a parse gives, and only for the bytes they were worked out from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from check_helpers import BASE
from responsibility.policy import cache, loader, yamlfile
from test_cache import cache_at, entries

FX_COUNTY = BASE / "fx-county.yaml"
PATH = ("provisions", 0, "duties", 0, "quote")


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed with positions from here on."""
    seen: list[str] = []
    real = yamlfile.load_text

    def counted(text: str, name: str, bad_dates_as_text: bool = False) -> tuple[object, yamlfile.Marks]:
        seen.append(name)
        return real(text, name, bad_dates_as_text)

    monkeypatch.setattr(yamlfile, "load_text", counted)
    monkeypatch.setattr(loader, "load_text", counted)
    return seen


def _marks(f: Path) -> yamlfile.LazyMarks:
    doc = loader.read_document(f, use_cache=True)
    assert doc is not None and isinstance(doc.marks, yamlfile.LazyMarks)
    return doc.marks


def test_a_cached_document_finds_its_positions_without_a_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "fx-county.yaml"
    shutil.copy(FX_COUNTY, f)
    expected = yamlfile.load_text(f.read_text("utf-8"), "x")[1]
    with cache_at(tmp_path / "cache"):
        first = _marks(f)
        parsed = _parses(monkeypatch)
        assert first[PATH] == expected[PATH]  # worked out from the file, and stored
        assert parsed == [loader.display_name(f)]
        assert len(entries(tmp_path / "cache")) == 1
        again = _marks(f)
        assert dict(again) == expected and parsed == [loader.display_name(f)]  # no second parse


def test_positions_are_those_of_the_bytes_they_were_made_from(tmp_path: Path) -> None:
    """An edit that moves the text gets its own positions, never the old file's."""
    f = tmp_path / "fx-county.yaml"
    shutil.copy(FX_COUNTY, f)
    with cache_at(tmp_path / "cache"):
        before = _marks(f)[PATH]
        f.write_text("# a comment line\n" + FX_COUNTY.read_text("utf-8"), "utf-8")
        after = _marks(f)[PATH]
    assert after == (before[0] + 1, before[1])


def test_a_foreign_entry_is_a_miss(tmp_path: Path) -> None:
    """A positions entry that is not a mapping (planted, another format) is ignored and replaced."""
    f = tmp_path / "fx-county.yaml"
    shutil.copy(FX_COUNTY, f)
    digest = yamlfile.hashlib.sha256(f.read_bytes()).digest()
    with cache_at(tmp_path / "cache"):
        cache.put(cache.marks_key(digest), ["not", "positions"])
        assert _marks(f)[PATH] == yamlfile.load_text(f.read_text("utf-8"), "x")[1][PATH]
        assert isinstance(cache.get(cache.marks_key(digest)), dict)


def test_off_means_no_positions_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "fx-county.yaml"
    shutil.copy(FX_COUNTY, f)
    with cache_at(tmp_path / "cache"):
        doc = loader.read_document(f, use_cache=False)
        assert doc is not None and PATH in doc.marks
    assert entries(tmp_path / "cache") == []


def test_a_warm_check_of_the_shipped_rules_parses_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check policies/` reports findings in the shipped regulations; warm, their positions come
    from the cache and the report is the same."""
    from test_cache import run_cli

    root = Path(__file__).resolve().parent.parent / "policies"
    with cache_at(tmp_path / "cache"):
        cold = run_cli("check", str(root))
        parsed = _parses(monkeypatch)
        warm = run_cli("check", str(root))
    assert cold[1].count(": warning ") > 0
    assert warm == cold and parsed == []
