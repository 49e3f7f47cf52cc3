"""Hostile input on every surface: policies, rules (expressions), scenarios, facts, evidence,
waivers, configuration and command-line options.

Each ends in a result or in errors of the documented shape ``file:line:col: CODE message; fix``
(exit 1; exit 2 for usage errors naming the option or the configuration key), never in a
traceback, a hang or an unbounded read. The bounds are those of docs/guide/cli.md ("Limits").

The CLI runs in-process; a subprocess (with a timeout) is used only where a regression would
hang or exhaust memory: a FIFO and /dev/zero. Hypothesis examples each write their own files in
their own temporary directory.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import facts as factsmod
from responsibility.core import expr
from responsibility.core.errors import PolicyError
from responsibility.policy import yamlfile

WUYI = ROOT / "policies" / "wuyi" / "wuyi.yaml"
WUYI_RULES = (ROOT / "policies" / "wuyi" / "wuyi.rules.yaml").read_text("utf-8")
EVIDENCE = ROOT / "tests" / "fixtures" / "check" / "evidence" / "complete"
SHARE = "require: special_poverty_funds / general_budget_revenue >= 1%"
PLACE = "cn.hebei.hengshui.wuyi"
# file:line:col: CODE message — the documented shape of every error
SHAPE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<msg>.+)$")
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def diagnostics(err: str) -> list[re.Match[str]]:
    """The positioned errors of a run; every other line must be the closing count."""
    lines = [ln for ln in err.splitlines() if ln.strip()]
    found = [m for ln in lines if (m := SHAPE.match(ln))]
    rest = [ln for ln in lines if not SHAPE.match(ln)]
    assert all(re.fullmatch(r"\d+ errors?", ln) for ln in rest), rest
    return found


def first_error(capsys: pytest.CaptureFixture[str], *args: str | Path) -> re.Match[str]:
    code, _, err = cli(capsys, *args)
    found = diagnostics(err)
    assert code == 1 and found, err
    return found[0]


def run_process(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "responsibility", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def rules_with(tmp: Path, require: str) -> Path:
    """The shipped wuyi rules with the first condition's `require` replaced."""
    assert SHARE in WUYI_RULES
    path = tmp / "wuyi.rules.yaml"
    path.write_text(WUYI_RULES.replace(SHARE, f"require: {require}", 1), "utf-8")
    return path


def fiscal_yaml(tmp: Path, value: str, name: str = "facts.yaml") -> Path:
    path = tmp / name
    path.write_text(
        f"kind: facts\nfiscal:\n- {{place: {PLACE}, year: 2017, general_budget_revenue: {value},"
        " special_poverty_funds: 1}\n",
        "utf-8",
    )
    return path


# -- the reported reproductions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kind: regulation\nid: x\na: " + "[" * 500 + "]" * 500 + "\n", 3),
        ("kind: regulation\nid: x\na:\n" + "".join("  " * i + "b:\n" for i in range(1, 500)), 67),
    ],
    ids=["flow", "block"],
)
def test_yaml_nested_500_deep_is_a_positioned_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int
) -> None:
    (tmp_path / "deep.yaml").write_text(text, "utf-8")
    d = first_error(capsys, "validate", "--no-shipped", tmp_path / "deep.yaml")
    assert d["file"].endswith("deep.yaml") and d["code"] == "E001" and int(d["line"]) == line
    assert f"deeper than {yamlfile.MAX_DEPTH} levels" in d["msg"]


def test_the_pure_python_yaml_loader_stops_at_the_same_depth(monkeypatch: pytest.MonkeyPatch) -> None:
    # where libyaml is missing, PyYAML's composer recurses in Python: it must stop at MAX_DEPTH too
    monkeypatch.setattr(yamlfile, "LIBYAML", False)
    with pytest.raises(PolicyError) as exc:
        yamlfile.load_text("a: " + "[" * 400 + "]" * 400, "deep.yaml")
    (d,) = exc.value.diagnostics
    assert (d.code, d.line) == ("E001", 1) and "deeper than 64" in d.message
    data, _ = yamlfile.load_text("a: " + "[" * 40 + "]" * 40, "ok.yaml")
    depth = 0
    value = data["a"]
    while value:
        value, depth = value[0], depth + 1
    assert depth == 39  # 40 lists, the innermost empty


@pytest.mark.parametrize(
    "require",
    ["(" * 150 + "special_poverty_funds" + ")" * 150 + " >= 1%", "-" * 1500 + "special_poverty_funds >= 1%"],
    ids=["150-parentheses", "1500-minus-signs"],
)
def test_deep_expressions_are_positioned_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], require: str
) -> None:
    d = first_error(capsys, "validate", rules_with(tmp_path, require))
    assert d["file"].endswith("wuyi.rules.yaml") and d["code"] == "E030"
    assert f"nested deeper than {expr.MAX_DEPTH} levels" in d["msg"]
    # the column points into the expression: `  require: ` is 11 characters, the 33rd token follows
    assert int(d["col"]) == len("  require: ") + expr.MAX_DEPTH + 1


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (".nan", "not a finite number"),
        (".inf", "not a finite number"),
        ("-.inf", "not a finite number"),
        ("123456789012345678901234567890123", "too large"),
        ("1.0e+16", "too large"),
    ],
)
def test_facts_nan_infinity_and_huge_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, problem: str
) -> None:
    d = first_error(capsys, "check", WUYI, "--facts", fiscal_yaml(tmp_path, value))
    assert d["file"].endswith("facts.yaml") and (d["line"], d["code"]) == ("3", "F003")
    assert "general_budget_revenue" in d["msg"] and problem in d["msg"]
    assert int(d["col"]) == len(f"- {{place: {PLACE}, year: 2017, general_budget_revenue: ") + 1  # the value


def test_a_facts_csv_field_over_131072_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "fiscal.csv"
    csv.write_text(f'place,year,note\n{PLACE},2017,"{"a" * 140_000}"\n', "utf-8")
    d = first_error(capsys, "check", WUYI, "--facts", csv)
    assert (d["line"], d["col"], d["code"]) == ("2", str(len(f"{PLACE},2017,") + 1), "F001")
    assert "65,536 characters" in d["msg"]


def test_an_evidence_csv_field_over_131072_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "evidence.csv").write_text(
        f"kind,producer,period,date,path\nprogress-report,x,2018,2018-01-01,{'a' * 140_000}\n", "utf-8"
    )
    d = first_error(capsys, "check", WUYI, "--evidence", tmp_path, "--period", "2018")
    assert d["file"].endswith("evidence.csv") and (d["line"], d["code"]) == ("2", "V007")
    assert int(d["col"]) == len("progress-report,x,2018,2018-01-01,") + 1


@pytest.mark.parametrize(
    ("config", "key", "line", "says"),
    [
        ("grace-days = 1000000000000000000\n", "grace-days", 1, "less than or equal to 366"),
        ('fail-on = "error"\n[severity]\nC003 = "x"\n', "severity.C003", 3, "'x': Input should be 'error'"),
        ('severity = "x"\n', "severity", 1, "a mapping expected, not 'x'"),
        ('# waivers\nwaivers = "."\n', "waivers", 2, "is a directory"),
        ('waivers = "none.yaml"\n', "waivers", 1, "does not exist"),
    ],
)
def test_configuration_errors_name_the_file_the_place_and_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, key: str, line: int, says: str
) -> None:
    cfg = tmp_path / "responsibility.toml"
    cfg.write_text(config, "utf-8")
    code, _, err = cli(capsys, "check", WUYI, "--config", cfg)
    assert code == 2
    assert f"{cfg}:{line}:1: E011 " in err and f"(at {key})" in err and says in err


def test_a_symlink_loop_in_a_policy_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink("b.yaml", tmp_path / "a.yaml")
    os.symlink("a.yaml", tmp_path / "b.yaml")
    code, _, err = cli(capsys, "validate", "--no-shipped", tmp_path)
    found = diagnostics(err)
    assert code == 1 and {(Path(d["file"]).name, d["code"]) for d in found} == {
        ("a.yaml", "E009"),
        ("b.yaml", "E009"),
    }
    assert all("symlink loop" in d["msg"] for d in found)


def test_facts_from_dev_zero_are_refused_unread() -> None:
    r = run_process("check", WUYI, "--facts", "/dev/zero", timeout=60)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "/dev/zero:1:1: E009 is a character device" in r.stderr


@pytest.mark.parametrize("args", [["validate", "--no-shipped", "{dir}"], ["test", "{dir}/x.yaml"]])
def test_a_fifo_named_like_a_policy_is_refused_without_opening_it(tmp_path: Path, args: list[str]) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    r = run_process(*(a.replace("{dir}", str(tmp_path)) for a in args), timeout=60)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "x.yaml:1:1: E009 is a named pipe (FIFO)" in r.stderr


@pytest.mark.parametrize(
    ("text", "col", "says"),
    [
        ("date: 2018-02-30\n", 7, "'2018-02-30' is not a valid date"),
        ("n: " + "9" * 5000 + "\n", 4, "a number of 5,000 characters"),
    ],
    ids=["impossible-date", "5000-digit-integer"],
)
def test_bad_scalars_name_the_file_and_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, col: int, says: str
) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("kind: regulation\nid: x\n" + text, "utf-8")
    d = first_error(capsys, "validate", "--no-shipped", f)
    assert d["file"].endswith("p.yaml") and (d["line"], d["col"], d["code"]) == ("3", str(col), "E011")
    assert says in d["msg"]


def test_an_impossible_today_is_a_usage_error_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "check", WUYI, "--today", "2019-02-30")
    assert code == 2 and "--today: '2019-02-30' is not a date" in err


def test_a_bad_fact_in_applies_is_unknown_as_in_require(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "applies").mkdir()
    (tmp_path / "require").mkdir()
    in_applies = rules_with(tmp_path / "applies", "special_poverty_funds >= 0\n  applies: population > 1000")
    in_require = rules_with(tmp_path / "require", "population > 1000")
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        f"kind: facts\nfiscal:\n- {{place: {PLACE}, year: 2017, general_budget_revenue: 100,"
        " special_poverty_funds: 1, population: many}\n",
        "utf-8",
    )
    messages = []
    for rules in (in_applies, in_require):
        code, out, err = cli(
            capsys, "check", WUYI, "--policies", rules, "--facts", facts, "--select", "R", "--format", "json"
        )
        assert code == 0 and err == ""  # an unknown outcome is a warning; nothing stops the run
        found = [
            f for f in json.loads(out)["findings"] if f["target"].startswith("wuyi/special-funds-share:")
        ]
        assert [(f["code"], f["line"]) for f in found] == [("R002", 3)]
        messages.append(found[0]["message"])
    rule = "武邑县 2017「县本级专项扶贫投入达到县本级公共财政预算收入1%以上」: "  # which place, year and rule
    assert messages == [
        rule + "cannot tell whether the rule applies: cannot order text and a number",
        rule + "cannot tell: cannot order text and a number",
    ]


# -- the sweep: every surface against the usual hostile files ----------------------------------

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text("utf-8")
# A valid document per surface: with a byte order mark in front it must still be a result.
VALID = {
    "policy": MINIMAL,
    "scenario": "kind: scenarios\nscenarios:\n- {name: a, rules: [wuyi/special-funds-share]}\n",
    "facts-yaml": "kind: facts\nfiscal: []\n",
    "facts-csv": "place,year\n",
    "evidence-yaml": "kind: evidence\nartefacts: []\n",
    "evidence-csv": "kind,producer,period,date,path\n",
    "waivers": "kind: waivers\nwaivers: []\n",
}
FILE_NAME = {
    "policy": "p.yaml",
    "scenario": "s.yaml",
    "facts-yaml": "f.yaml",
    "facts-csv": "fiscal.csv",
    "evidence-yaml": "evidence.yaml",
    "evidence-csv": "evidence.csv",
    "waivers": "w.yaml",
}
HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "top-level-list": b"- a\n- b\n",
    "binary-garbage": bytes(range(256)) * 4,
    "non-utf8": b"kind: x\nx: caf\xe9\n",
    "utf16": "kind: x\n".encode("utf-16"),
    "huge-line": b"kind: x\nx: " + b"a" * 3_000_000 + b"\n",
    "deep-flow": b"kind: x\nx: " + b"{a: [" * 60 + b"1" + b"]}" * 60 + b"\n",
    "over-4mb": b"kind: x\nx: " + b"a" * (4 * 1024 * 1024) + b"\n",
}


def run_surface(capsys: pytest.CaptureFixture[str], surface: str, root: Path) -> tuple[int, str, str]:
    path = root / FILE_NAME[surface]
    if surface == "policy":
        return cli(capsys, "validate", path)
    if surface == "scenario":
        return cli(capsys, "test", path)
    if surface.startswith("facts"):
        return cli(capsys, "check", WUYI, "--facts", path)
    if surface.startswith("evidence"):
        return cli(capsys, "check", WUYI, "--evidence", root, "--period", "2018")
    return cli(capsys, "check", WUYI, "--waivers", path)


@pytest.mark.parametrize(
    ("surface", "hostile"),
    [(s, h) for s in sorted(FILE_NAME) for h in sorted(HOSTILE)],
)
def test_every_surface_refuses_hostile_files_with_positioned_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], surface: str, hostile: str
) -> None:
    (tmp_path / FILE_NAME[surface]).write_bytes(HOSTILE[hostile])
    code, out, err = run_surface(capsys, surface, tmp_path)
    found = diagnostics(err)
    if surface == "evidence-csv" and not found:
        # a manifest without a usable header row is a V007 finding of the report (the rest of
        # the check goes on), not an error that stops the run
        v007 = [ln for ln in out.splitlines() if " V007 " in ln and "evidence.csv:1:" in ln]
        assert code == 1 and err == "" and len(v007) == 1, out
        return
    if surface == "waivers" and not found:
        # a readable waiver file of the wrong shape (a list, another kind) is a W002 finding of
        # the report: no waiver applies and the check goes on
        w002 = [ln for ln in out.splitlines() if " W002 " in ln and f"{FILE_NAME[surface]}:" in ln]
        assert code == 1 and err == "" and w002, out
        return
    assert code == 1 and found, err
    assert any(d["file"].endswith(FILE_NAME[surface]) for d in found)


@pytest.mark.parametrize("surface", sorted(FILE_NAME))
def test_a_byte_order_mark_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], surface: str
) -> None:
    (tmp_path / FILE_NAME[surface]).write_bytes(VALID[surface].encode())
    plain = run_surface(capsys, surface, tmp_path)
    (tmp_path / FILE_NAME[surface]).write_bytes(b"\xef\xbb\xbf" + VALID[surface].encode())
    with_bom = run_surface(capsys, surface, tmp_path)
    assert plain[2] == with_bom[2] == "" and plain[0] == with_bom[0] in (0, 1)  # `check` of wuyi exits 1


def test_an_empty_evidence_csv_is_a_manifest_without_its_header_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "evidence.csv").write_bytes(b"")
    code, out, err = cli(
        capsys, "check", WUYI, "--evidence", tmp_path, "--period", "2018", "--format", "json"
    )
    assert code == 1 and err == ""
    report = json.loads(out)
    v007 = [f for f in report["findings"] if f["code"] == "V007"]
    assert [(f["line"], f["col"], f["message"]) for f in v007] == [(1, 1, "no header row")]
    assert report["evidence"]["counts"]["present"] == 0


# -- directories where files are expected, missing files, numbers in options -------------------


def test_directories_where_files_are_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ev" / "evidence.yaml").mkdir(parents=True)
    d = first_error(capsys, "check", WUYI, "--evidence", tmp_path / "ev", "--period", "2018")
    assert d["file"].endswith("evidence.yaml") and d["code"] == "E009" and "is a directory" in d["msg"]
    for option in ("--waivers", "--config"):
        code, _, err = cli(capsys, "check", WUYI, option, tmp_path)
        assert code == 2 and f"{option}: {tmp_path} is a directory" in err
    code, _, err = cli(capsys, "check", WUYI, "--evidence", WUYI, "--period", "2018")
    assert code == 2 and "--evidence: evidence directory" in err and "is not a directory" in err
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "kind: scenarios\nscenarios:\n- {name: a, facts_files: ['.'], rules: [wuyi/special-funds-share]}\n"
    )
    code, _, err = cli(capsys, "test", scenario)
    assert code == 1 and any(d["code"] == "E009" and "is a directory" in d["msg"] for d in diagnostics(err))


def test_missing_files_name_the_option_or_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = tmp_path / "gone.yaml"
    for option in ("--facts", "--waivers", "--config", "--policies"):
        code, _, err = cli(capsys, "check", WUYI, option, gone)
        assert code == 2 and err.startswith(f"responsibility: error: {option}: ") and str(gone) in err
    d = first_error(capsys, "validate", "--no-shipped", gone)
    assert (d["file"], d["code"]) == (str(gone), "E009")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling.yaml")
    d = first_error(capsys, "validate", "--no-shipped", tmp_path / "dangling.yaml")
    assert d["code"] == "E009" and "cannot read" in d["msg"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--grace-days", "-1"], "--grace-days: -1 is not from 0 to 366 days"),
        (["--grace-days", str(10**18)], f"--grace-days: {10**18} is not from 0 to 366 days"),
        (["--grace-days", "367"], "--grace-days: 367 is not"),
        (["--period", "0000"], "--period: '0000': periods are in the years 1900 to 2100"),
        (["--period", "1000..9999"], "--period: '1000': periods are in the years"),
        (["--period", "2018.."], "--period: '' is not a period"),
        (["--period", "2019..2018"], "--period: period range '2019..2018' ends before it starts"),
        (["--today", ""], "--today: '' is not a date"),
    ],
)
def test_numbers_and_dates_in_options_are_bounded(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    code, _, err = cli(capsys, "check", WUYI, *args)
    assert code == 2 and says in err


def test_grace_days_at_the_bounds_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    for days in ("0", "366"):
        code, _, err = cli(
            capsys, "check", WUYI, "--evidence", EVIDENCE, "--period", "2018", "--grace-days", days
        )
        assert code == 1 and err == ""  # wuyi's own findings; the option is taken


def test_a_non_integer_grace_days_is_an_argparse_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", str(WUYI), "--grace-days", "abc"])
    assert exc.value.code == 2 and "--grace-days: invalid int value: 'abc'" in capsys.readouterr().err


def test_deep_toml_is_refused_before_tomllib_recurses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "responsibility.toml"
    cfg.write_text("# deep\nselect = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = cli(capsys, "check", WUYI, "--config", cfg)
    assert (
        code == 2
        and f"{cfg}:2:{len('select = ') + 33}: E013 arrays and inline tables nested deeper than 32" in err
    )
    cfg.write_text('select = "E"  # a string, not a list\n')
    code, _, err = cli(capsys, "check", WUYI, "--config", cfg)
    assert code == 2 and f"{cfg}:1:1: E011 a list expected, not 'E' (at select)" in err
    cfg.write_text("fail-on = [\n")
    code, _, err = cli(capsys, "check", WUYI, "--config", cfg)
    assert code == 2 and f"{cfg}:2:1: E013 not valid TOML" in err


def test_many_unknown_keys_are_listed_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # difflib suggestions for 20,000 keys took minutes; the first 50 get one, the rest are listed
    f = tmp_path / "keys.yaml"
    f.write_text("kind: regulation\nid: x\n" + "".join(f"k{i}: 1\n" for i in range(20_000)))
    code, _, err = cli(capsys, "validate", "--no-shipped", f)
    unknown = [d for d in diagnostics(err) if d["code"] == "E010"]
    assert code == 1 and len(unknown) == 20_000


def test_a_kind_that_is_not_text_is_an_invalid_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "k.yaml"
    f.write_text("kind: [regulation]\nid: x\n")
    d = first_error(capsys, "validate", "--no-shipped", f)
    assert (d["line"], d["code"]) == ("1", "E011") and "unknown kind" in d["msg"]


def test_extra_fields_in_an_evidence_csv_row_are_an_invalid_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "evidence.csv").write_text("kind,producer,period,date,path\na,b,2018,2018-01-01,p,extra\n")
    _, out, _ = cli(capsys, "check", WUYI, "--evidence", tmp_path, "--period", "2018", "--format", "json")
    invalid = [f for f in json.loads(out)["findings"] if f["code"] == "V007"]
    assert [(f["line"], f["message"]) for f in invalid] == [(2, "6 fields where the header has 5")]


@pytest.mark.parametrize("wrapper", ["not {}", "-{}", "({})", "[{}]", "max({})", "{} + 1"])
def test_expression_depth_32_is_accepted_and_33_refused(wrapper: str) -> None:
    def nest(n: int) -> str:
        source = "x"
        for _ in range(n):
            source = wrapper.format(source)
        return source

    assert expr.parse(nest(expr.MAX_DEPTH)).names == {"x"}
    with pytest.raises(expr.ExprError, match="nested deeper than 32 levels"):
        expr.parse(nest(expr.MAX_DEPTH + 1))


def test_arithmetic_beyond_decimal_range_is_an_error_not_a_crash() -> None:
    e = expr.parse("x * x > 1")
    env = expr.MapEnv({"x": Decimal("1e600000")})  # past Decimal's Emax
    with pytest.raises(expr.ExprError, match="arithmetic error"):
        expr.evaluate(e, env)
    assert expr.fmt_number(Decimal("1e40")) == "1e+40"


# -- properties of the bounds -------------------------------------------------------------------


@PROPERTY
@given(
    depth=st.one_of(st.integers(1, 150), st.sampled_from([62, 63, 64])),
    flow=st.booleans(),
    python=st.booleans(),
)
def test_yaml_nesting_is_accepted_up_to_the_bound_and_refused_past_it(
    depth: int, flow: bool, python: bool
) -> None:
    # `a:` holds `depth` nested lists (the block form ends in a scalar, which is not a level);
    # with the top mapping the document is depth + 1 levels deep
    body = (
        "a: " + "[" * depth + "]" * depth
        if flow
        else "a:\n" + "".join(" " * i + "- " for i in range(1, depth + 1)) + "x"
    )
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "n.yaml"
        f.write_text(body + "\n", "utf-8")
        try:
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(yamlfile, "LIBYAML", not python)  # libyaml's composer, or PyYAML's own
                yamlfile.load_text(yamlfile.read_text(f, "n.yaml"), "n.yaml")
        except PolicyError as exc:
            (d,) = exc.diagnostics
            assert depth + 1 > yamlfile.MAX_DEPTH and d.code == "E001" and d.file == "n.yaml" and d.line >= 1
        else:
            assert depth + 1 <= yamlfile.MAX_DEPTH


# `not` binds looser than `-` (`-not x` is not an expression), so it is tested on its own below
WRAPPERS = {"(": "({})", "-": "-{}", "[": "[{}]", "abs": "abs({})", "min": "min(1, {})"}


@PROPERTY
@given(wrappers=st.lists(st.sampled_from(sorted(WRAPPERS)), max_size=60), literal=st.integers(0, 10**30))
def test_expression_nesting_and_literals_are_bounded(wrappers: list[str], literal: int) -> None:
    source = str(literal)
    for w in wrappers:
        source = WRAPPERS[w].format(source)
    try:
        expr.parse(source)
    except expr.ExprError as exc:
        assert len(wrappers) > expr.MAX_DEPTH or literal >= expr.MAX_MAGNITUDE
        assert 1 <= exc.column <= len(source)
    else:
        assert len(wrappers) <= expr.MAX_DEPTH and literal < expr.MAX_MAGNITUDE


@PROPERTY
@given(
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**38), 10**38),
        st.sampled_from([10**15 - 1, 10**15, -(10**15) + 1, -(10**15), 0]),
    ),
    csv=st.booleans(),
)
def test_numbers_in_facts_are_finite_and_bounded(value: float | int, csv: bool) -> None:
    finite = not isinstance(value, float) or (value == value and abs(value) != float("inf"))
    ok = finite and abs(value) < 10**15
    with tempfile.TemporaryDirectory() as tmp:
        if csv:  # a non-finite number as spreadsheets and pandas write it: nan, inf, -inf
            if finite:
                number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
                cell = f"{number:f}"
            else:
                cell = repr(value)
            f = Path(tmp) / "fiscal.csv"
            f.write_text(f"place,year,x\n{PLACE},2017,{cell}\n", "utf-8")
            at = (2, len(f"{PLACE},2017,") + 1)
        else:
            f = Path(tmp) / "facts.yaml"
            shown = yaml.safe_dump(value).removesuffix("...\n").strip()
            f.write_text(f"kind: facts\nfiscal:\n- {{place: {PLACE}, year: 2017, x: {shown}}}\n", "utf-8")
            at = (3, len(f"- {{place: {PLACE}, year: 2017, x: ") + 1)  # at the value
        try:
            facts = factsmod.read(f)
        except PolicyError as exc:
            (d,) = exc.diagnostics
            assert not ok and (d.code, d.line, d.column) == ("F003", *at)
        else:
            assert ok
            (row,) = facts.rows(factsmod.FactTable.fiscal)
            assert row.data["x"] == Decimal(repr(value) if isinstance(value, float) else value)


@PROPERTY
@given(
    size=st.one_of(
        st.integers(0, yamlfile.MAX_CSV_FIELD + 10),
        st.sampled_from([yamlfile.MAX_CSV_FIELD, yamlfile.MAX_CSV_FIELD + 1, 131_072, 131_073, 200_000]),
    ),
    quoted=st.booleans(),
)
def test_a_csv_field_is_read_up_to_the_bound_and_refused_past_it(size: int, quoted: bool) -> None:
    text = "a" * size
    field = f'"{text}"' if quoted else text
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "fiscal.csv"
        f.write_text(f"place,year,note\n{PLACE},2017,{field}\n", "utf-8")
        try:
            facts = factsmod.read(f)
        except PolicyError as exc:
            (d,) = exc.diagnostics
            assert size > yamlfile.MAX_CSV_FIELD
            assert (d.code, d.line, d.column) == ("F001", 2, len(f"{PLACE},2017,") + 1)
        else:
            assert size <= yamlfile.MAX_CSV_FIELD
            assert facts.rows(factsmod.FactTable.fiscal)[0].data.get("note", "") == (text or "")
