"""The tutorial (docs/guide/tutorial.md) runs as written in an empty folder and ends green, with a
site page for the county; and `responsibility init` writes its skeleton all or nothing."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from doc_examples import Command, FileEdit, apply_edit, check_result, matches, run_command, steps
from responsibility.cli.commands.init import GIT_PLACEHOLDER
from responsibility.cli.main import main

TUTORIAL = ROOT / "docs" / "guide" / "tutorial.md"


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[Command, str]]]:
    """The tutorial's steps run in a fresh folder: (the folder at the end, each command's output)."""
    cwd = tmp_path_factory.mktemp("tutorial")
    outputs: list[tuple[Command, str]] = []
    for step in steps(TUTORIAL.read_text("utf-8")):
        if isinstance(step, FileEdit):
            apply_edit(step, cwd)
            continue
        cwd, result = run_command(step, cwd)
        if result is not None:
            check_result(step, result)
            outputs.append((step, result.out))
    return cwd, outputs


def test_the_tutorial_ends_with_a_passing_check_and_a_site_page(
    walked: tuple[Path, list[tuple[Command, str]]],
) -> None:
    cwd, outputs = walked
    checks = [(c, out) for c, out in outputs if c.line.startswith("responsibility check")]
    assert [c.code for c, _ in checks] == [1, 1, 0]
    # The first check lists the project pool as missing, the second no longer, the last nothing.
    pool = "C001 missing-implementation 第十九条: 中央 第十九条「建立扶贫项目库」"
    assert pool in checks[0][1] and pool not in checks[1][1]
    assert "C001" not in checks[2][1]
    page = cwd / "site" / "regulations" / "mouxian" / "index.html"
    html = page.read_text("utf-8")
    assert "某某县脱贫攻坚责任制实施办法" in html and "建立全县扶贫项目库" in html
    assert (cwd / "site" / "actors" / "mouxian.county-government" / "index.html").is_file()


def test_the_tutorial_uses_every_step_kind() -> None:
    kinds = {type(s).__name__ for s in steps(TUTORIAL.read_text("utf-8"))}
    assert kinds == {"Command", "FileEdit"}
    lines = [s.line for s in steps(TUTORIAL.read_text("utf-8")) if isinstance(s, Command)]
    for wanted in (
        "responsibility init",
        "responsibility validate",
        "responsibility check",
        "responsibility docs build",
    ):
        assert any(ln.startswith(wanted) for ln in lines), wanted


def test_the_guide_is_in_the_site_navigation() -> None:
    assert "guide/tutorial.md" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_the_workflow_installs_from_git_or_a_wheel_never_from_pypi(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "a"), "--id", "a"]) == 0
    assert main(["init", str(tmp_path / "b"), "--id", "b", "--git", "https://git.example.org/r.git@v1"]) == 0
    for name, url in (("a", GIT_PLACEHOLDER), ("b", "https://git.example.org/r.git@v1")):
        text = (tmp_path / name / ".github" / "workflows" / "responsibility.yml").read_text("utf-8")
        flow = yaml.safe_load(text)
        assert flow["env"]["RESPONSIBILITY_GIT"] == url
        install = next(
            s["run"] for s in flow["jobs"]["check"]["steps"] if s.get("name") == "Install responsibility"
        )
        assert 'pip install "responsibility @ git+${RESPONSIBILITY_GIT}"' in install
        assert "pip install vendor/responsibility-*.whl" in install
        assert not re.search(r"pip install responsibility\b", text)


def test_the_example_repository_does_not_install_from_pypi() -> None:
    for path in (ROOT / "examples" / "local-repo").rglob("*"):
        if path.is_file() and path.suffix in {".yml", ".yaml", ".md"}:
            assert not re.search(r"pip install responsibility\b", path.read_text("utf-8")), path


def test_the_schema_lines_resolve_inside_the_new_repository(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path), "--id", "mouxian"]) == 0
    for rule in (tmp_path / "policies").rglob("*.yaml"):
        first = rule.read_text("utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (rule.parent / target).resolve().is_file(), rule


def test_the_skeleton_validates_without_its_schema_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path), "--id", "mouxian"]) == 0
    for schema in (tmp_path / "schema").iterdir():
        schema.unlink()
    assert main(["validate", str(tmp_path / "policies")]) == 0, capsys.readouterr().err


def test_init_refuses_to_overwrite_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "responsibility.toml").write_text("mine\n", "utf-8")
    (tmp_path / "policies" / "x").mkdir(parents=True)
    (tmp_path / "policies" / "x" / "source.txt").write_text("mine\n", "utf-8")
    capsys.readouterr()
    assert main(["init", str(tmp_path), "--id", "x"]) == 2
    err = capsys.readouterr().err
    assert "responsibility.toml" in err and "source.txt" in err and "--force" in err
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["responsibility.toml", "source.txt"]
    assert (tmp_path / "responsibility.toml").read_text("utf-8") == "mine\n"
    assert main(["init", str(tmp_path), "--id", "x", "--force"]) == 0
    assert (tmp_path / "responsibility.toml").read_text("utf-8") != "mine\n"
    assert main(["init", str(tmp_path), "--id", "x"]) == 0  # the same files again: nothing to refuse


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--id", "Mou Xian"], "argument --id"),
        (["--id", "wuyi"], "shipped regulation"),
        (["--name", "a: b"], "argument --name"),
        (["--parent", "火星"], "argument --parent"),
    ],
)
def test_bad_options_are_usage_errors(
    args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "r"), *args]) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_matching_of_shown_output() -> None:
    assert matches(["a", "…", "z"], ["a", "b", "c", "z"])
    assert matches(["a", "…", "z"], ["a", "z"])
    assert not matches(["a", "…", "z"], ["a", "b"])
    assert matches(["ok: … duties"], ["ok: 5 duties"])
    assert not matches(["ok: … duties"], ["ok: 5 duty"])
    assert not matches(["a"], ["a", "b"])


@settings(max_examples=8)
@given(
    reg_id=st.from_regex(r"\A[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?\Z").filter(
        lambda s: s not in {"central", "gansu", "shanxi", "wuyi", "majiang"}
    ),
    name=st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=6).map(
        lambda s: s + "县"
    ),
)
def test_any_skeleton_validates(reg_id: str, name: str) -> None:
    """Whatever id and Chinese name it is given, init writes a skeleton that loads."""
    with tempfile.TemporaryDirectory() as tmp:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            assert main(["init", tmp, "--id", reg_id, "--name", name, "--parent", "cn.hebei"]) == 0
            assert main(["validate", str(Path(tmp) / "policies")]) == 0, err.getvalue()
        rule = yaml.safe_load((Path(tmp) / "policies" / reg_id / f"{reg_id}.yaml").read_text("utf-8"))
        assert rule["jurisdiction"] == f"cn.hebei.{reg_id}" and rule["heading"] == [
            f"{name}脱贫攻坚责任制实施办法"
        ]
