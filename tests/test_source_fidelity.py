"""`validate` and `check` compare each regulation with its `source` text: the first differing
character is an E040 at its place in the YAML, a missing or unusable source an E041."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import responsibility
from check_helpers import PARENT, RULES_DIR
from conftest import ROOT
from responsibility.cli.main import main
from responsibility.core.errors import PolicyError
from responsibility.policy.fidelity import locate_in_value, squash

CENTRAL = ROOT / "policies" / "central"
MAJIANG = ROOT / "policies" / "guizhou" / "majiang"
PASSING = RULES_DIR / "E040" / "pass"  # fx-county with a source that runs two articles together


def _copy(src: Path, tmp_path: Path) -> Path:
    dest = tmp_path / src.name
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("scenarios", "*.rules.yaml"))
    return dest


def _errors(*paths: Path) -> list[tuple[str, int, int, str, str]]:
    with pytest.raises(PolicyError) as info:
        responsibility.load(list(paths))
    return [(Path(d.file).name, d.line, d.column, d.code, d.message) for d in info.value.diagnostics]


def _edit_text(path: Path, provision: str, old: str, new: str) -> None:
    """Replace `old` by `new` once in the text: line of one provision."""
    text = path.read_text("utf-8")
    at = text.index("text:", text.index(f"id: {provision}\n"))
    end = text.index("\n", at)
    assert old in text[at:end]
    path.write_text(text[:at] + text[at:end].replace(old, new, 1) + text[end:], "utf-8")


def _position(path: Path, needle: str, after: str) -> tuple[int, int]:
    """Line and column (1-based) of the first `needle` after the first `after` in a file."""
    lines = path.read_text("utf-8").splitlines()
    seen = False
    for n, line in enumerate(lines, 1):
        if after in line:
            seen = True
        if seen and needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(f"{needle} not found")


def test_every_shipped_regulation_and_the_practice_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
    assert main(["validate", str(ROOT / "examples" / "local-repo" / "policies")]) == 0


def test_a_source_that_runs_articles_together_passes() -> None:
    text = (PASSING / "source.txt").read_text("utf-8")
    assert "建档立卡。第三条" in text  # typesetting fault: no break between the articles
    responsibility.load([PARENT, PASSING])


def test_an_inserted_character_is_reported_where_it_is(tmp_path: Path) -> None:
    central = _copy(CENTRAL, tmp_path)
    yml = central / "central.yaml"
    _edit_text(yml, "art_9", "脱贫攻坚工作负总责", "脱贫攻坚X工作负总责")
    line, col = _position(yml, "X", "id: art_9")
    errors = [e for e in _errors(central) if e[3] == "E040"]
    assert len(errors) == 1
    name, y_line, y_col, _, message = errors[0]
    assert (name, y_line, y_col) == ("central.yaml", line, col)
    assert "provision art_9 (text) differs from the source: source.txt:13 has" in message
    assert "…攻坚X工作负总责" in message or "X工作负总责" in message


def test_a_deleted_character_and_an_extra_article(tmp_path: Path) -> None:
    central = _copy(CENTRAL, tmp_path)
    yml = central / "central.yaml"
    _edit_text(yml, "art_9", "负总责", "负责")
    [(_, line, col, code, message)] = [e for e in _errors(central) if e[3] == "E040"]
    assert "provision art_9 (text) differs from the source" in message and "负总责" in message
    at_line, at_col = _position(yml, "负责", "id: art_9")
    assert (line, col) == (at_line, at_col + 1)  # the source has 总 where the encoding has 责
    shutil.copy(CENTRAL / "central.yaml", yml)
    with (central / "source.txt").open("a", encoding="utf-8") as fh:
        fh.write("第三十条 本条为测试所加。\n")
    [(_, _, _, code, message)] = _errors(central)
    assert (
        code == "E040" and "the encoding ends in provision art_29 (text), where the source goes on" in message
    )
    assert "第三十条本条为测试所加" in message


def test_a_missing_source_is_e041_at_the_source_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    central = _copy(CENTRAL, tmp_path)
    (central / "source.txt").unlink()
    [(name, line, _, code, message)] = _errors(central)
    assert (name, code, message) == ("central.yaml", "E041", "source text source.txt does not exist")
    assert line == _position(central / "central.yaml", "source:", "kind:")[0]
    assert main(["validate", str(central)]) == 1
    assert "E041" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["outside", "fifo", "loop", "directory", "binary"])
def test_an_unusable_source_is_e041_and_never_read(tmp_path: Path, kind: str) -> None:
    county = tmp_path / "county"
    shutil.copytree(PASSING, county)
    src = county / "source.txt"
    src.unlink()
    yml = county / "fx-county.yaml"
    if kind == "outside":
        (tmp_path / "elsewhere.txt").write_text((PASSING / "source.txt").read_text("utf-8"), "utf-8")
        yml.write_text(yml.read_text("utf-8").replace("source: source.txt", "source: ../elsewhere.txt"))
    elif kind == "fifo":
        os.mkfifo(src)
    elif kind == "loop":
        os.symlink(county / "a.txt", county / "b.txt")
        os.symlink(county / "b.txt", county / "a.txt")
        os.symlink(county / "a.txt", src)
    elif kind == "directory":
        src.mkdir()
    else:
        src.write_bytes("第一条".encode("gbk"))
    errors = _errors(PARENT, county)
    assert [e[3] for e in errors] == ["E041"], errors


def test_check_reports_e040_whatever_is_selected(capsys: pytest.CaptureFixture[str]) -> None:
    failing = str(RULES_DIR / "E040" / "fail")
    assert main(["check", failing, "--policies", str(PARENT), "--select", "V", "--fail-on", "error"]) == 1
    out = capsys.readouterr().out
    assert "E040 text-not-in-source" in out and "乡镇党委负责建档立卡" in out


def test_an_altered_practice_excerpt_points_at_the_character(tmp_path: Path) -> None:
    majiang = _copy(MAJIANG, tmp_path)
    yml = majiang / "majiang.yaml"
    text = yml.read_text("utf-8")
    yml.write_text(text.replace("麻江县集中出台了", "麻江县集错中出台了", 1), "utf-8")
    line, col = _position(yml, "错", "id: para_")
    errors = [e for e in _errors(majiang) if e[3] == "E040"]
    assert [(e[1], e[2]) for e in errors] == [(line, col)]
    assert "is not in the source" in errors[0][4]


def test_practice_excerpts_out_of_order(tmp_path: Path) -> None:
    majiang = _copy(MAJIANG, tmp_path)
    yml = majiang / "majiang.yaml"
    data = yml.read_text("utf-8").splitlines(keepends=True)
    # swap the texts of the first two provisions: each is in the source, the second now earlier
    texts = [k for k, ln in enumerate(data) if ln.startswith("  text: ")]
    a, b = texts[0], texts[1]
    data[a], data[b] = data[b], data[a]
    yml.write_text("".join(data), "utf-8")
    messages = [e[4] for e in _errors(majiang) if e[3] == "E040"]
    assert len(messages) == 1 and "is earlier in the source than the passage before it" in messages[0]


_CHARS = st.sampled_from("县乡村扶贫攻坚责任制。，、(一)第条AbZ019 ")


def _scalar(value: str, style: str) -> str:
    """A one-key document holding `value` as a plain, double-quoted, literal or folded scalar."""
    if style == "plain":
        return f"text: {value}\n"
    if style == '"':
        return f'text: "{value}"\n'
    lines = [value[k : k + 15] for k in range(0, len(value), 15)]
    return f"text: {style}\n" + "".join(f"  {ln}\n" for ln in lines)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(_CHARS, min_size=1, max_size=120).map("".join).map(str.strip).filter(bool),
    st.sampled_from(["plain", '"', "|", ">"]),
    st.integers(0, 10_000),
)
def test_locate_in_value_finds_the_kth_character_in_any_scalar_style(
    value: str, style: str, pick: int
) -> None:
    value = value.replace("  ", " ")  # a literal block must not start a line with extra indent
    doc = _scalar(value, style)
    loaded = yaml.safe_load(doc)["text"]
    assume(isinstance(loaded, str))  # a plain 0 or 1 is a number, not a text
    squashed = squash(loaded)
    assert squashed == squash(value)
    k = pick % len(squashed)
    line, col = locate_in_value(doc, (1, 7), loaded, k)
    lines = doc.splitlines()
    assert lines[line - 1][col - 1] == squashed[k]
    upto = "".join(lines[: line - 1]) + lines[line - 1][:col]
    assert squash(upto[len("text: ") :]).count(squashed[k]) == squashed[: k + 1].count(squashed[k])
