"""What a person types works wherever an id does: provision labels as printed (第九条, 一(一)3,
二、4), Chinese names of bodies, places, topics and artefact kinds; ambiguous names list their
candidates, unknown ones get the nearest names in Chinese; and the look-up commands (actors,
places, topics, artefacts) list what there is to name."""

from __future__ import annotations

import json
import shlex
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.cli.main import main
from responsibility.core.errors import AmbiguousName, LookupFailure
from responsibility.policy import lookup
from shipped_helpers import shipped_set

pytestmark = pytest.mark.usefixtures("shipped_loaded_once")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the examples: a name gives exactly what its id gives ----------------------------------


@pytest.mark.parametrize(
    ("typed", "ids"),
    [
        (["duties", "--regulation", "central", "--provision", "第九条"], ["duties", "--regulation", "central", "--provision", "art_9"]),
        (["duties", "--regulation", "central", "--provision", "第9条"], ["duties", "--regulation", "central", "--provision", "art_9"]),
        (["duties", "--regulation", "wuyi", "--provision", "一(一)3"], ["duties", "--regulation", "wuyi", "--provision", "sec_1__subsec_1__item_3"]),
        (["duties", "--regulation", "wuyi", "--provision", "一（一）3"], ["duties", "--regulation", "wuyi", "--provision", "sec_1__subsec_1__item_3"]),
        (["duties", "--regulation", "wuyi", "--provision", "二、4"], ["duties", "--regulation", "wuyi", "--provision", "sec_2__item_4"]),
        (["duties", "--regulation", "武邑县落实脱贫攻坚责任制实施意见", "--actor", "武邑县人民政府"], ["duties", "--regulation", "wuyi", "--actor", "wuyi.county-government"]),
        (["duties", "--regulation", "甘肃", "--actor", "县级政府"], ["duties", "--regulation", "gansu", "--actor", "county.government"]),
        (["owes", "武邑县人民政府"], ["owes", "wuyi.county-government"]),
        (["owes", "武邑县人民政府", "--topic", "规划计划", "--regulation", "武邑县"], ["owes", "wuyi.county-government", "--topic", "planning", "--regulation", "wuyi"]),
        (["owes", "county government"], ["owes", "county.government"]),
        (["who", "central/第十九条"], ["who", "central/art_19"]),
        (["who", "central/第十九条/建立扶贫项目库"], ["who", "central/art_19/project-pool"]),
        (["trace", "central/第十九条/project-pool"], ["trace", "central/art_19/project-pool"]),
        (["chain", "武邑县人民政府"], ["chain", "wuyi.county-government"]),
        (["chain", "武邑县人民政府", "--regulation", "武邑"], ["chain", "wuyi.county-government", "--regulation", "wuyi"]),
        (["compare", "山西", "甘肃省"], ["compare", "shanxi", "gansu"]),
    ],
)  # fmt: skip
def test_a_name_gives_what_its_id_gives(
    typed: list[str], ids: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("table", "json"):
        code, by_name, err = run(capsys, *typed, "--format", fmt)
        assert code == 0, err
        code, by_id, err = run(capsys, *ids, "--format", fmt)
        assert code == 0, err
        assert by_name == by_id and by_name.strip()


def test_trace_of_a_provision_traces_each_of_its_duties(capsys: pytest.CaptureFixture[str]) -> None:
    ps = shipped_set()
    duties = [e.ref for e in ps.duties("central", "art_19")]
    assert len(duties) > 1
    for ref in ("central/art_19", "central/第十九条"):
        code, out, err = run(capsys, "trace", ref, "--format", "json")
        assert code == 0, err
        assert [t["duty"]["id"] for t in json.loads(out)] == duties
        code, table, err = run(capsys, "trace", ref)
        assert code == 0, err
        singles = [run(capsys, "trace", d)[1] for d in duties]
        assert table == "\n".join(singles)
        heads = [ln for ln in table.splitlines() if ln.startswith("中央 第十九条 ")]
        assert heads == [f"中央 第十九条 {ps.duty(d).summary.zh}" for d in duties]


def test_trace_of_a_provision_without_duties_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "trace", "central/第一条")
    assert code == 0, err
    assert out.startswith("中央 第一条：无职责 (")
    assert "Central 第一条: no duties" in run(capsys, "trace", "central/第一条", "--lang", "en")[1]
    assert run(capsys, "trace", "central/第一条", "--format", "json")[1] == "[]\n"


def test_the_library_takes_names_too() -> None:
    ps = shipped_set()
    assert ps.duties("central", "第九条") == ps.duties("central", "art_9")
    assert ps.duties("武邑", actor="武邑县人民政府") == ps.duties("wuyi", actor="wuyi.county-government")
    assert ps.provision("central", "第9条") is ps.provision("central", "art_9")
    assert ps.duty_entry("central/第十九条/建立扶贫项目库").ref == "central/art_19/project-pool"
    assert ps.actor("县级政府").id == "county.government"
    assert ps.regulation("中国").id == "central"
    assert lookup.place_id(ps, "武邑县") == "cn.hebei.hengshui.wuyi"
    assert lookup.topic_id(ps, "责任追究") == "accountability"
    assert lookup.artefact_kind_id(ps, "年度计划") == "annual-plan"
    assert not ps.has_duty("central/第十九条/建立扶贫项目库")  # the predicate stays exact


# -- unknown and ambiguous names -------------------------------------------------------------------


def test_a_misspelt_chinese_name_gets_chinese_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "owes", "武邑县人民正府")
    assert code == 2 and out == ""
    assert "argument ACTOR: unknown actor '武邑县人民正府'" in err
    assert "did you mean 武邑县人民政府 (wuyi.county-government)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "option", "expected"),
    [
        (["duties", "--regulation", "central", "--provision", "第九十九条"], "--provision", "central/第十九条 (central/art_19)"),
        (["duties", "--regulation", "central", "--actor", "县级正府"], "--actor", "县级政府 (county.government)"),
        (["duties", "--regulation", "武邑县人民"], "--regulation", "(wuyi)"),
        (["owes", "county.government", "--topic", "规化"], "--topic", "规划计划 (planning)"),
        (["who", "central/第十九条/建立扶贫项目"], "DUTY_OR_PROVISION", "建立扶贫项目库 (central/art_19/project-pool)"),
        (["chain", "武邑县委书计"], "ACTOR", "武邑县委书记 (wuyi.party-secretary)"),
        (["actors", "--regulation", "武邑县落实"], "--regulation", "(wuyi)"),
        (["compare", "central", "山西省脱贫攻坚"], "REG_B", "(shanxi)"),
    ],
)  # fmt: skip
def test_unknown_names_exit_2_naming_the_option_and_the_nearest(
    argv: list[str], option: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert f"argument {option}: unknown " in err
    assert expected in err.split("did you mean", 1)[1]


def test_ascii_typos_still_get_ids_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "duties", "--regulation", "centrl")
    assert code == 2
    assert "unknown regulation 'centrl'; did you mean central (脱贫攻坚责任制实施办法)?" in err


def test_a_regulation_with_nothing_close_names_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "places", "--regulation", "河北")
    assert code == 2
    assert "known: " in err and "武邑县落实脱贫攻坚责任制实施意见 (wuyi)" in err


@pytest.mark.parametrize(
    ("argv", "candidates"),
    [
        (["owes", "县级领导干部"], ["county.leaders", "wuyi.county-leaders"]),
        (["duties", "--regulation", "wuyi", "--provision", "1、"], ["wuyi/sec_1__subsec_1__item_1", "wuyi/sec_2__item_1"]),
        (["who", "第十九条"], ["central/art_19", "gansu/art_19", "shanxi/art_19"]),
    ],
)  # fmt: skip
def test_an_ambiguous_name_lists_its_candidates(
    argv: list[str], candidates: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "ambiguous" in err
    for c in candidates:
        assert f"({c})" in err


def test_a_bare_label_one_regulation_prints_is_found(capsys: pytest.CaptureFixture[str]) -> None:
    # 一(一)3 is printed only by 武邑
    code, by_label, err = run(capsys, "who", "一(一)3")
    assert code == 0, err
    assert by_label == run(capsys, "who", "wuyi/sec_1__subsec_1__item_3")[1]


def test_a_provision_where_a_duty_is_wanted_names_its_duties() -> None:
    ps = shipped_set()
    with pytest.raises(LookupFailure) as err:
        lookup.duty_ref(ps, "central/第十九条")
    assert err.value.suggestions == [e.ref for e in ps.duties("central", "art_19")]
    assert "is a provision" in str(err.value)


# -- round trips (Hypothesis) --------------------------------------------------------------------


def _unique(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, id) pairs whose name names one thing only."""
    count = Counter(n for n, _ in names)
    return [(n, i) for n, i in names if count[n] == 1]


ACTORS = sorted(shipped_set().actors)
ACTOR_NAMES = _unique([(lookup.normalise(a.name.zh), a.id) for a in shipped_set().actors.values()])
PROVISIONS = [(p.regulation.id, p.provision.id, p.citation) for p in shipped_set().provisions()]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ACTORS))
def test_every_actor_id_resolves_to_itself(actor: str) -> None:
    assert lookup.actor_id(shipped_set(), actor) == actor


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ACTOR_NAMES), st.sampled_from(["", " ", "\u3000"]))
def test_a_unique_chinese_name_of_an_actor_gives_back_its_id(pair: tuple[str, str], pad: str) -> None:
    ps = shipped_set()
    name, actor = pair
    assert lookup.actor_id(ps, pad + ps.actors[actor].name.zh + pad) == actor
    assert name  # the normalised name is not empty


def _full_width(text: str) -> str:
    """How a Chinese keyboard types a label: full-width brackets and digits."""
    return text.translate(str.maketrans("()0123456789", "（）０１２３４５６７８９"))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PROVISIONS), st.booleans())
def test_every_provision_resolves_by_its_id_and_its_printed_label(
    item: tuple[str, str, str], full_width: bool
) -> None:
    ps = shipped_set()
    reg, pid, citation = item
    label = _full_width(citation) if full_width else citation
    assert lookup.provision_id(ps, reg, pid) == pid
    assert lookup.provision_id(ps, reg, label) == pid
    assert lookup.duty_or_provision(ps, f"{reg}/{label}") == lookup.Ref("provision", f"{reg}/{pid}")
    assert ps.provision_entry(f"{reg}/{label}").provision.id == pid


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(shipped_set().all_duties()))
def test_every_duty_resolves_by_its_id_and_by_label_and_summary(entry: object) -> None:
    ps = shipped_set()
    assert isinstance(entry, responsibility.policy.policyset.DutyEntry)
    assert lookup.duty_ref(ps, entry.ref) == entry.ref
    same = [d for d in entry.provision.duties if d.summary.zh == entry.duty.summary.zh]
    by_names = f"{entry.regulation.id}/{entry.citation}/{entry.duty.summary.zh}"
    if len(same) == 1:
        assert lookup.duty_ref(ps, by_names) == entry.ref
    else:
        with pytest.raises(AmbiguousName):
            lookup.duty_ref(ps, by_names)


def test_every_name_in_the_shipped_set_round_trips() -> None:
    """Exhaustively: each kind's ids resolve to themselves, and each Chinese name that names one
    thing gives back its id (Hypothesis above samples; this walks them all)."""
    ps = shipped_set()
    kinds = [
        (lookup.actor_id, {a.id: a.name.zh for a in ps.actors.values()}),
        (lookup.place_id, {p.id: p.name.zh for p in ps.places.values()}),
        (lookup.topic_id, {t.id: t.name.zh for t in ps.topics.values()}),
        (lookup.artefact_kind_id, {k.id: k.name.zh for k in ps.artefact_kinds.values()}),
        (lookup.regulation_id, {r.id: r.title.zh for r in ps.regulations.values()}),
    ]
    for find, names in kinds:
        unique = _unique([(lookup.normalise(zh), i) for i, zh in names.items()])
        assert len(unique) >= len(names) - 8  # the few shared names are the exception
        for i in names:
            assert find(ps, i) == i
        for _, i in unique:
            assert find(ps, names[i]) == i
        for zh in {names[i] for i in names} - {names[i] for _, i in unique}:
            with pytest.raises(AmbiguousName):
                find(ps, zh)
    for reg, pid, citation in PROVISIONS:
        assert lookup.provision_id(ps, reg, citation) == pid


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_arabic_article_numbers_read_as_printed(n: int) -> None:
    zh = lookup.chinese_number(n)
    assert lookup.normalise(f"第{n}条") == f"第{zh}条"
    # the numerals are those of print: no 一十 at the start, 零 only inside
    assert not zh.startswith("一十") and not zh.startswith("零") and not zh.endswith("零")


@pytest.mark.parametrize(("n", "zh"), [(9, "九"), (10, "十"), (19, "十九"), (30, "三十"), (36, "三十六"),
                                       (100, "一百"), (105, "一百零五"), (112, "一百一十二")])  # fmt: skip
def test_chinese_numbers(n: int, zh: str) -> None:
    assert lookup.chinese_number(n) == zh


# -- the look-up commands --------------------------------------------------------------------------


def test_actors_by_regulation_are_exactly_those_owing_its_duties(capsys: pytest.CaptureFixture[str]) -> None:
    ps = shipped_set()
    code, out, err = run(capsys, "actors", "--regulation", "wuyi", "--format", "json")
    assert code == 0, err
    listed = {r["id"] for r in json.loads(out)}
    assert listed == {a for a in ps.actors if ps.duties("wuyi", actor=a)}
    assert "wuyi.county-government" in listed and "province.government" not in listed


def test_actors_table_puts_chinese_first_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actors", "--level", "county", "政府")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["中文名称", "标识"]
    rows = [ln.split() for ln in lines[2:]]
    assert ["武邑县人民政府", "wuyi.county-government", "县级", "具体机构", "武邑县"] == rows[-1][:5]
    assert all(r[2] == "县级" for r in rows) and all(
        "政府" in r[0] or "government" in " ".join(r) for r in rows
    )


def test_actors_json_records(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actors", "武邑县人民政府", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": "wuyi.county-government",
            "zh": "武邑县人民政府",
            "en": "Wuyi County People's Government",
            "level": "county",
            "kind": "concrete",
            "place": "cn.hebei.hengshui.wuyi",
            # the words of the label table beside the ids (--lang, default zh)
            "display": "武邑县人民政府",
            "level_label": "县级",
            "kind_label": "具体机构",
        }
    ]


def test_actors_by_place_are_those_sitting_within_it(capsys: pytest.CaptureFixture[str]) -> None:
    ps = shipped_set()
    code, out, err = run(capsys, "actors", "--place", "衡水", "--format", "json")
    assert code == 0, err
    listed = {r["id"] for r in json.loads(out)}
    hengshui = {a.id for a in ps.actors.values() if a.place and a.place.startswith("cn.hebei.hengshui")}
    assert listed == hengshui and "wuyi.hengshui-leading-group" in listed
    code, _, err = run(capsys, "actors", "--place", "衡水县")
    assert (
        code == 2
        and "argument --place: unknown place '衡水县'; did you mean 衡水市 (cn.hebei.hengshui)" in err
    )


def test_places_topics_artefacts(capsys: pytest.CaptureFixture[str]) -> None:
    ps = shipped_set()
    code, out, _ = run(capsys, "places", "--regulation", "武邑", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["cn.hebei.hengshui.wuyi"]
    code, out, _ = run(capsys, "places", "--level", "province", "--format", "json")
    assert {r["zh"] for r in json.loads(out)} == {
        p.name.zh for p in ps.places.values() if p.level == "province"
    }
    code, out, _ = run(capsys, "topics", "--regulation", "central", "--format", "json")
    used = Counter(t for e in ps.duties("central") for t in e.duty.topics)
    assert {r["id"]: int(r["duties"]) for r in json.loads(out)} == dict(used)
    code, out, _ = run(capsys, "artefacts", "--format", "json")
    assert len(json.loads(out)) == len(ps.artefact_kinds)
    code, out, _ = run(capsys, "artefacts", "年度")
    assert out.splitlines()[0].split()[:2] == ["中文名称", "标识"] and "annual-plan" in out
    code, out, _ = run(capsys, "artefacts", "年度", "--lang", "en")
    assert out.splitlines()[0].split()[:3] == ["English", "name", "id"] and "annual plan" in out


# -- the README's tour runs as written -------------------------------------------------------------

RUNNABLE = {"duties", "who", "owes", "chain", "trace", "actors", "places", "topics", "artefacts"}


def _tour() -> list[tuple[str, list[str]]]:
    """Each `$ responsibility …` line of the tour with the output lines shown under it."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## A short tour", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    out: list[tuple[str, list[str]]] = []
    for ln in block.splitlines():
        if ln.startswith("$ "):
            out.append((ln[2:].split("  #")[0].strip(), []))
        elif out:
            out[-1][1].append(ln)
    return out


def test_the_tour_shows_names_as_printed() -> None:
    cmds = [c for c, _ in _tour()]
    for wanted in (
        "responsibility duties --regulation central --provision 第九条",
        "responsibility owes 武邑县人民政府",
        "responsibility actors --regulation wuyi",
    ):
        assert wanted in cmds


@pytest.mark.parametrize(
    ("cmd", "shown"), [(c, s) for c, s in _tour() if shlex.split(c)[1] in RUNNABLE], ids=lambda x: str(x)[:60]
)
def test_tour_example_runs_as_shown(cmd: str, shown: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *shlex.split(cmd)[1:])
    assert code == 0, err
    assert out.strip()
    if shown:
        assert out.splitlines() == shown


def _guide_examples() -> list[tuple[str, list[str]]]:
    """`$ responsibility …` lines of docs/guide/cli.md with what is shown under each."""
    guide = (ROOT / "docs" / "guide" / "cli.md").read_text("utf-8")
    out: list[tuple[str, list[str]]] = []
    for block in guide.split("```")[1::2]:
        for ln in block.splitlines()[1:]:
            if ln.startswith("$ "):
                out.append((ln[2:].split("  #")[0].strip(), []))
            elif out:
                out[-1][1].append(ln)
    return out


@pytest.mark.parametrize(("cmd", "shown"), _guide_examples(), ids=lambda x: str(x)[:60])
def test_guide_example_prints_what_it_shows(
    cmd: str, shown: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *shlex.split(cmd)[1:])
    if shown and shown[0].startswith("responsibility: error:"):
        assert code == 2 and err.splitlines() == shown
    else:
        assert code == 0, err
        assert out.strip() and (not shown or out.splitlines() == shown)
