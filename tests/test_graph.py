"""The responsibility graph: node and edge types, ids, exports, graph checks, the 责任清单."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph_support import fixture_args, fixture_set
from responsibility.cli.main import main
from responsibility.graph.checks import (
    downward_implements,
    reports_to_cycles,
    run_all,
    unaccountable_owners,
    unowned_duties,
)
from responsibility.graph.network import (
    EDGE_TYPES,
    EdgeType,
    NodeType,
    build,
    graphml,
    node_link_json,
    owners_of,
)
from responsibility.graph.responsibility_list import HEADERS, rows, to_csv, to_xlsx
from responsibility.policy.model import Counterparty, CounterpartyRole
from responsibility.policy.policyset import PolicySet


def _edges(g, kind: EdgeType) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(u, v) for u, v, d in g.edges(data=True) if d["type"] == kind.value}


def test_every_node_and_edge_has_a_known_type_and_a_typed_id() -> None:
    g = build(fixture_set())
    for n, data in g.nodes(data=True):
        assert data["type"] in {t.value for t in NodeType}
        assert n.startswith(data["type"] + ":")
    assert {d["type"] for _, _, d in g.edges(data=True)} <= {t.value for t in EDGE_TYPES}


def test_nodes_use_stable_ids() -> None:
    g = build(fixture_set())
    for nid in (
        "regulation:fx-central",
        "provision:fx-central/art_3",
        "duty:fx-central/art_3/annual-report",
        "actor:county.government",
        "actor:fx.wuyi.county-government",
        "place:cn.hebei",
        "artefact:project-pool",
        "topic:planning",
    ):
        assert nid in g, nid


def test_structure_edges() -> None:
    g = build(fixture_set())
    assert ("duty:fx-central/art_3/annual-report", "provision:fx-central/art_3") in _edges(
        g, EdgeType.grounded_in
    )
    assert ("provision:fx-central/art_3", "regulation:fx-central") in _edges(g, EdgeType.part_of)
    assert ("regulation:fx-wuyi", "regulation:fx-hebei") in _edges(g, EdgeType.implements)
    assert ("duty:fx-hebei/art_1/report", "duty:fx-central/art_3/annual-report") in _edges(
        g, EdgeType.implements
    )
    assert ("actor:county.government", "actor:county.party-committee-and-government") in _edges(
        g, EdgeType.part_of
    )
    assert ("actor:fx.wuyi.county-government", "actor:county.government") in _edges(g, EdgeType.instance_of)
    assert ("actor:fx.wuyi.county-government", "place:cn.hebei.hengshui.wuyi") in _edges(
        g, EdgeType.located_in
    )
    assert ("place:cn.hebei.hengshui.wuyi.fx-town-a", "place:cn.hebei.hengshui.wuyi") in _edges(
        g, EdgeType.part_of
    )
    assert ("duty:fx-central/art_5/project-pool", "artefact:project-pool") in _edges(g, EdgeType.produces)
    assert ("duty:fx-central/art_5/project-pool", "topic:project-management") in _edges(g, EdgeType.about)


def test_owns_edges_carry_the_kind_of_responsibility() -> None:
    g = build(fixture_set())
    assert owners_of(g, "fx-central/art_3/overall") == {"province.party-committee-and-government": "overall"}
    assert owners_of(g, "fx-wuyi/sec_1__item_1/principal") == {"fx.wuyi.county": "principal"}


def test_counterparty_edges_run_from_each_owner_and_carry_duty_and_regulation() -> None:
    g = build(fixture_set())
    found = [
        d
        for u, v, d in g.edges(data=True)
        if d["type"] == "reports-to" and u == "actor:province.principal-leaders"
    ]
    assert sorted((d["duty"], d["regulation"]) for d in found) == [
        ("fx-central/art_3/annual-report", "fx-central"),
        ("fx-hebei/art_1/report", "fx-hebei"),
    ]
    assert ("actor:fx.wuyi.county", "actor:township.party-committee-and-government") in _edges(
        g, CounterpartyRole.signs_with
    )


def test_part_of_edges_say_whether_membership_or_belonging() -> None:
    g = build(fixture_set())
    via = {(u, v): d.get("via") for u, v, d in g.edges(data=True) if d["type"] == "part-of"}
    assert via[("actor:county.party-committee", "actor:county.party-committee-and-government")] == "member"
    assert via[("actor:county.leading-group-office", "actor:county.leading-group")] == "body"


def test_exports_are_deterministic_and_carry_types() -> None:
    a, b = build(fixture_set()), build(fixture_set())
    assert node_link_json(a) == node_link_json(b)
    assert graphml(a) == graphml(b)
    data = json.loads(node_link_json(a))
    assert {"nodes", "edges"} <= set(data)
    assert all("type" in n for n in data["nodes"])
    xml = graphml(a)
    assert "武邑县人民政府" in xml  # UTF-8, not character references
    ids = [line.split('id="')[1].split('"')[0] for line in xml.splitlines() if "<edge " in line]
    assert len(ids) == len(set(ids)) == a.number_of_edges()


def test_graph_command_writes_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.graphml"
    assert main(["graph", *fixture_args(), "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["graph", *fixture_args(), "-o", str(out)]) == 0  # same content: fine
    assert main(["graph", *fixture_args(), "--format", "json", "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == first
    assert main(["graph", *fixture_args(), "--format", "json", "-o", str(out), "--force"]) == 0
    assert json.loads(out.read_text("utf-8"))["directed"] is True


# -- graph checks --------------------------------------------------------------------------------


def _variant(edit) -> PolicySet:  # type: ignore[no-untyped-def]
    """The fixture set with one regulation edited (deep copies; the cached set is untouched)."""
    ps = fixture_set()
    regs = {r.id: r.model_copy(deep=True) for r in ps.regulations.values()}
    edit(regs)
    return PolicySet(
        regs.values(), ps.actors.values(), ps.places.values(), ps.artefact_kinds.values(), ps.topics.values()
    )


def _duty(regs, reg: str, prov: str, duty: str):  # type: ignore[no-untyped-def]
    for p in [*regs[reg].provisions, *(q for d in regs[reg].divisions for q in d.provisions)]:
        if p.id == prov:
            return next(d for d in p.duties if d.id == duty)
    raise KeyError(duty)


def test_the_fixtures_pass_every_graph_check() -> None:
    assert run_all(fixture_set()) == []


def test_reports_to_cycle_is_found_and_positioned() -> None:
    def edit(regs):  # type: ignore[no-untyped-def]
        d = _duty(regs, "fx-central", "art_3", "overall")  # the province now reports to the city
        d.counterparties.append(
            Counterparty(role=CounterpartyRole.reports_to, actor="city.party-committee-and-government")
        )

    found = reports_to_cycles(_variant(edit))
    assert [f.target for f in found] == ["fx-central/art_3/overall"]
    ring = "city.party-committee-and-government → province.party-committee-and-government → city"
    assert ring in found[0].message
    assert found[0].path.startswith("divisions") and found[0].provision == "第三条"


def test_duty_without_owner_is_found() -> None:
    def edit(regs):  # type: ignore[no-untyped-def]
        _duty(regs, "fx-hebei", "art_1", "publicity").owners.clear()

    assert [f.target for f in unowned_duties(_variant(edit))] == ["fx-hebei/art_1/publicity"]


def test_owner_that_answers_to_no_one_is_found() -> None:
    def edit(regs):  # type: ignore[no-untyped-def]
        # without the assessment, nothing holds the provincial Party committee and government to account
        _duty(regs, "fx-central", "art_2", "assess-provinces").counterparties.clear()

    found = unaccountable_owners(_variant(edit))
    assert [(f.code, f.target) for f in found] == [("G003", "fx-central/art_3/overall")]
    assert "province.party-committee-and-government" in found[0].message


def test_implements_pointing_down_a_level_is_found() -> None:
    def edit(regs):  # type: ignore[no-untyped-def]
        _duty(regs, "fx-hebei", "art_1", "publicity").implements.append("fx-wuyi/sec_1__item_2/project-pool")
        _duty(regs, "fx-hebei", "art_1", "publicity").local_addition = False

    found = downward_implements(_variant(edit))
    assert [f.target for f in found] == ["fx-hebei/art_1/publicity"]
    assert "(province) implements fx-wuyi/sec_1__item_2/project-pool (county)" in found[0].message


# -- the responsibility list (责任清单) ------------------------------------------------------------


def test_list_rows_follow_the_document() -> None:
    got = rows(fixture_set(), "fx-central")
    assert [r.number for r in got] == list(range(1, len(got) + 1))
    sign = next(r for r in got if r.duty == "fx-central/art_3/sign-letter")
    assert sign.owners == "省级党委和政府主要负责人"
    assert sign.responsibility == "负责"
    assert sign.frequency == "一次"
    assert sign.counterparties == "签署: 中央（党中央）"  # as the text names it, then the catalogue
    assert sign.artefacts == "脱贫责任书"
    assert sign.basis == "《脱贫攻坚责任制实施办法(测试)》第三条"
    overall = next(r for r in got if r.duty == "fx-central/art_3/overall")
    assert (overall.responsibility, overall.frequency, overall.counterparties) == ("负总责", "长期", "")


def test_csv_has_bom_bilingual_headers_and_every_duty() -> None:
    data = to_csv(fixture_set())
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0][0] == "序号 No." and table[0][7] == "依据 Basis"
    assert len(table) - 1 == len(fixture_set().all_duties())
    assert [int(r[0]) for r in table[1:]] == list(range(1, len(table)))


def test_xlsx_has_one_sheet_per_regulation_frozen_header_and_is_reproducible() -> None:
    data = to_xlsx(fixture_set())
    assert data == to_xlsx(fixture_set())
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["fx-central", "fx-hebei", "fx-wuyi"]
    ws = wb["fx-wuyi"]
    assert ws.freeze_panes == "A2"
    assert ws.cell(1, 2).value == f"{HEADERS[1][0]}\n{HEADERS[1][1]}"
    assert ws.max_row == 1 + len(fixture_set().duties("fx-wuyi"))
    assert ws.column_dimensions["D"].width == 48
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_list_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "清单.xlsx"
    assert main(["list", *fixture_args(), "--format", "xlsx", "--regulation", "fx-wuyi", "-o", str(out)]) == 0
    assert load_workbook(out).sheetnames == ["武邑"]  # named as the answers name it (--lang zh)
    assert main(["list", *fixture_args(), "--format", "xlsx", "--regulation", "fx-wuyi", "-o", str(out),
                 "--lang", "en", "--force"]) == 0  # fmt: skip
    assert load_workbook(out).sheetnames == ["Wuyi County"]
    assert main(["list", *fixture_args(), "--format", "xlsx"]) == 2
    assert "-o FILE" in capsys.readouterr().err
    assert main(["list", *fixture_args(), "--regulation", "fx-wuyl"]) == 2
    assert "did you mean fx-wuyi" in capsys.readouterr().err


def test_xlsx_is_written_without_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def fake(name: str, *a, **k):  # type: ignore[no-untyped-def]
        if name.startswith("openpyxl"):
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake)
    data = to_xlsx(fixture_set())
    monkeypatch.setattr(builtins, "__import__", real)
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames and book[book.sheetnames[0]]["A1"].value.startswith("序号")
