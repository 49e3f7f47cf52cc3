"""`check` names things as the other answers do (policy/names.Names), Chinese first, English with
`--lang en`: no id of a body, place, artefact kind, topic or regulation in a finding's message
where the policy set gives it a name; the machine fields (code, rule name, target, position) are
the same in both languages, so waivers, JSON and SARIF consumers see no change."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from check_helpers import BASE, FIXTURES, PARENT, RULES_DIR, TODAY
from conftest import ROOT
from responsibility.checks.runner import Options, Report, run
from responsibility.cli.main import main
from responsibility.policy.loader import load
from responsibility.policy.policyset import PolicySet

GOLDEN = FIXTURES / "golden"
# Each run: (what is checked, extra policies, evidence, period, waivers).
RUNS: dict[str, tuple[Path, list[Path], Path | None, str | None, Path | None]] = {
    "shipped": (ROOT / "policies", [], None, None, None),
    "golden": (GOLDEN / "county", [PARENT], GOLDEN / "evidence", "2018", GOLDEN / "waivers.yaml"),
    **{
        code: (RULES_DIR / code / "fail", [PARENT], None, None, None)
        for code in ("C001", "C002", "C003", "C004", "C005", "C006", "C007", "C008", "C009")
    },
    **{code: (BASE, [PARENT], RULES_DIR / code / "fail", "2018", None) for code in ("V003", "V004", "V005")},
}
# The rules whose messages name things of the policy set (the others speak of files and fields).
NAMING = ("C", "G", "V")
ID_CHARS = r"A-Za-z0-9_./-"  # not @: ROLE@PLACE names two ids


_REPORTS: dict[tuple[str, str], Report] = {}


def _run(name: str, lang: str) -> Report:
    """The report of a run (each run once per language: the tests only read it)."""
    if (name, lang) not in _REPORTS:
        path, policies, evidence, period, waivers = RUNS[name]
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(ROOT)
            _REPORTS[name, lang] = run(
                Options(
                    paths=[path],
                    policies=policies,
                    evidence=evidence,
                    period=period,
                    waivers=waivers,
                    today=TODAY,
                    lang=lang,
                )
            )
    return _REPORTS[name, lang]


_SETS: dict[str, PolicySet] = {}


def _policies(name: str) -> PolicySet:
    if name not in _SETS:
        path, policies, *_ = RUNS[name]
        _SETS[name] = load([*policies, path])
    return _SETS[name]


def _named_ids(ps: PolicySet) -> dict[str, tuple[str, str | None]]:
    """Every id that has a name of its own, with its Chinese and English names."""
    out: dict[str, tuple[str, str | None]] = {}
    for table in (ps.actors, ps.places, ps.artefact_kinds, ps.topics):
        for thing in table.values():
            if thing.name.zh and thing.name.zh != thing.id:
                out[thing.id] = (thing.name.zh, thing.name.en)
    for reg in ps.regulations.values():
        out[reg.id] = (reg.title.zh, reg.title.en)
    return out


def _ids_in(message: str, ids: dict[str, tuple[str, str | None]]) -> list[str]:
    """The ids standing on their own in `message` (not as part of a longer id or a duty's ref)."""
    return [
        i for i in ids if re.search(rf"(?<![{ID_CHARS}]){re.escape(i)}(?![{ID_CHARS}])", message) is not None
    ]


def _machine(report: Report) -> list[tuple[str, str, str, str, int, int, str, str]]:
    return [
        (f.code, f.name, f.target, f.file, f.line, f.col, f.provision, f.severity.value)
        for f in report.findings
    ]


@pytest.mark.parametrize("name", sorted(RUNS))
def test_zh_messages_name_things_by_name_not_id(name: str) -> None:
    report = _run(name, "zh")
    ids = _named_ids(_policies(name))
    naming = [f for f in report.findings if f.code.startswith(NAMING)]
    assert naming, "the run reports findings that name things"
    for f in naming:
        # the one place an id stands: after the catalogue's name of a body the text names
        # otherwise, 省级领导（省级领导干部，province.leaders） (Names.as_named)
        own = re.sub(rf"（[^（）]+，[{ID_CHARS}]+）", "", f.message)
        assert _ids_in(own, ids) == [], (f.code, f.message)
        assert re.search(r"[\u4e00-\u9fff]", f.message), (f.code, f.message)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_en_messages_use_english_names(name: str) -> None:
    zh, en = _run(name, "zh"), _run(name, "en")
    ids = _named_ids(_policies(name))
    # the Chinese names of things that have an English one: none in an English message
    chinese = {names[0] for names in ids.values() if names[1]}
    for f_zh, f_en in zip(zh.findings, en.findings, strict=True):
        if not f_en.code.startswith(NAMING):
            continue
        assert f_en.message != f_zh.message
        # an id that is an English word (inspection) may be a word of an English name
        assert [i for i in _ids_in(f_en.message, ids) if re.search(r"[.@_-]", i)] == [], f_en.message
        # a text the encoding has only in Chinese is shown marked [zh] (labels.in_lang): set aside
        own = re.sub(r"\[zh\] [^”(]*", "", f_en.message)
        assert [c for c in chinese if c in own] == [], (f_en.code, f_en.message)
        assert "「" not in own and "缺失" not in own


@pytest.mark.parametrize("name", sorted(RUNS))
def test_codes_targets_and_positions_do_not_depend_on_the_language(name: str) -> None:
    zh, en = _run(name, "zh"), _run(name, "en")
    assert _machine(zh) == _machine(en)
    assert [w.finding.target for w in zh.waived] == [w.finding.target for w in en.waived]
    assert zh.checked == en.checked


def test_the_golden_run_names_body_kind_and_duty() -> None:
    zh, en = _run("golden", "zh"), _run("golden", "en")
    [v_zh] = [f.message for f in zh.findings if f.code == "V001"]
    [v_en] = [f.message for f in en.findings if f.code == "V001"]
    assert v_zh == "示例县的县级党委和政府 2018-Q3 的「扶贫脱贫进展情况报告」缺失（职责「每季度报告进展」）"
    assert v_en.startswith(
        "no report on poverty alleviation progress from county Party committee and government of Example County"
    )
    assert (zh.checked_names, en.checked_names) == (["示例"], ["Example County"])


def test_the_summary_line_names_the_shipped_regulations() -> None:
    assert _run("shipped", "zh").checked_names == ["中央", "甘肃", "麻江", "山西", "武邑"]


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        (None, "checked: 中央、甘肃、麻江、山西、武邑"),
        ("zh", "checked: 中央、甘肃、麻江、山西、武邑"),
        ("en", "checked: Central, Gansu Province, Majiang County, Shanxi Province, Wuyi County"),
    ],
)
def test_the_command_takes_lang(lang: str | None, first: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    argv = ["check", "policies/", *(["--lang", lang] if lang else [])]
    with contextlib.redirect_stdout(out):
        code = main(argv)
    assert code == 0 and out.getvalue().splitlines()[0] == first
    # the G003 fix names the body by the id the encoder writes
    assert ("gansu.provincial-finance" in out.getvalue()) and ("省级财政" in out.getvalue()) == (lang != "en")


def test_an_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "policies/", "--lang", "fr"])
    assert exc.value.code == 2 and "--lang" in capsys.readouterr().err
