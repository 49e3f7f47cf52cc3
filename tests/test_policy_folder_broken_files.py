"""A policy folder holding a broken file is reported, never validated as fine: a file saved as
UTF-16 or UTF-32 (its `kind:` hidden between NUL bytes) is E005, a misspelt kind is E011 with the
kind meant, and a folder holding no policy file at all is E009 — from `validate` and `check` alike,
exit 1. Another tool's YAML (no `kind:`, or `kind: Deployment`) is still passed over."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.main import main

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
POLICY = "kind: regulation\nid: x\n"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def check_json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[dict[str, str]]]:
    code, out, _ = cli(capsys, "check", *args, "--format", "json")
    findings: list[dict[str, str]] = json.loads(out)["findings"]
    return code, findings


@pytest.mark.parametrize(
    ("encoded", "at", "said"),
    [
        (POLICY.encode("utf-16"), "1:1", "UTF-16LE (byte order mark FF FE)"),
        (POLICY.encode("utf-16-be"), "1:1", "a NUL byte"),
        (POLICY.encode("utf-16-le"), "1:2", "a NUL byte"),
        (POLICY.encode("utf-32"), "1:1", "UTF-32LE (byte order mark FF FE 00 00)"),
        (b"\xfe\xff" + POLICY.encode("utf-16-be"), "1:1", "UTF-16BE (byte order mark FE FF)"),
    ],
    ids=["utf-16", "utf-16be-no-bom", "utf-16le-no-bom", "utf-32", "utf-16be"],
)
def test_a_utf16_or_utf32_file_in_a_folder_is_e005_as_when_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoded: bytes, at: str, said: str
) -> None:
    (tmp_path / "u16").mkdir()
    (tmp_path / "u16" / "bad.yaml").write_bytes(encoded)
    for given in (tmp_path / "u16", tmp_path / "u16" / "bad.yaml"):
        code, out, err = cli(capsys, "validate", given, "--no-shipped")
        assert code == 1 and out == "", out
        assert f"bad.yaml:{at}: E005 not UTF-8: " in err and said in err, err


def test_a_utf16_file_beside_a_valid_policy_is_reported_not_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "county.yaml")
    (folder / "bad.yaml").write_bytes(POLICY.encode("utf-16"))
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "validate", "policies")
    assert (code, out) == (1, "") and "policies/bad.yaml:1:1: E005" in err
    code, _, err = cli(capsys, "check", "-v", "policies", "--format", "json")
    assert code == 1 and "bad.yaml: declares no kind" not in err
    code, findings = check_json(capsys, "policies")
    assert code == 1 and [(f["file"], f["code"]) for f in findings] == [("policies/bad.yaml", "E005")]


@pytest.mark.parametrize(
    ("kind", "meant"), [("regulashun", "regulation"), ("Regulation", "regulation"), ("catalog", "catalogue")]
)
def test_a_misspelt_kind_in_a_folder_is_e011_at_the_kind_with_the_kind_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str, meant: str
) -> None:
    (tmp_path / "misk").mkdir()
    (tmp_path / "misk" / "a.yaml").write_text(f"# the county's rule\nkind: {kind}\nid: x\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "validate", "misk")
    assert (code, out) == (1, "")
    assert f"misk/a.yaml:2:7: E011 unknown kind '{kind}' (at kind); did you mean '{meant}'?" in err
    code, findings = check_json(capsys, "misk")
    assert code == 1 and [(f["code"], f["line"]) for f in findings] == [("E011", 2)]


def test_an_unknown_kind_in_a_file_shaped_as_a_policy_is_e011(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "law.yaml").write_text("kind: law\nid: x\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "validate", "p")
    assert code == 1 and "p/law.yaml:1:7: E011 unknown kind 'law' (at kind); use 'regulation'" in err


def test_another_tools_yaml_is_still_passed_over_and_said_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(MINIMAL, repo / "county.yaml")
    (repo / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (repo / "app.yaml").write_text("apiVersion: v1\nkind: Service\nmetadata: {name: x}\n", "utf-8")
    monkeypatch.chdir(repo)
    code, out, _ = cli(capsys, "validate", ".")
    assert code == 0 and out.startswith("ok: .: 1 regulation")
    code, _, err = cli(capsys, "check", "-v", ".", "--format", "json")
    assert "skipped mkdocs.yml: declares no kind" in err
    assert "skipped app.yaml: kind Service is not one of" in err and "not a policy (no top-level id:)" in err


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({}, "no .yaml or .yml file"),
        ({"mkdocs.yml": "site_name: x\n", "notes.txt": "x"}, "1 file passed over"),
    ],
)
def test_a_folder_holding_no_policy_file_is_e009_from_validate_and_check(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    said: str,
) -> None:
    (tmp_path / "empty").mkdir()
    for name, text in files.items():
        (tmp_path / "empty" / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "validate", "empty")
    assert (code, out) == (1, "") and "ok" not in err
    assert f"empty:1:1: E009 no policy file in this folder ({said}); a policy file declares kind:" in err
    code, findings = check_json(capsys, "empty")
    assert code == 1 and [(f["file"], f["code"]) for f in findings] == [("empty", "E009")]
    code, _, err = cli(capsys, "check", "empty")
    assert code == 1 and "no regulation found" not in err


def test_a_folder_reached_through_the_shipped_policies_counts_what_they_hold(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """policies/wuyi in a checkout is also shipped: its files were read through the shipped root
    first. It holds a policy; its scenarios folder holds none."""
    monkeypatch.chdir(ROOT)
    code, out, _ = cli(capsys, "validate", "policies/wuyi")
    assert code == 0 and out.startswith("ok: policies/wuyi: 1 regulation")
    code, out, err = cli(capsys, "validate", "policies/wuyi/scenarios")
    assert (code, out) == (1, "")
    assert "policies/wuyi/scenarios:1:1: E009 no policy file in this folder (1 file passed over)" in err


def test_a_folder_of_scenarios_alone_still_runs_its_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "test", ROOT / "policies" / "wuyi" / "scenarios")
    assert code == 0 and out.endswith(" failed\n") and " 0 failed" in out
