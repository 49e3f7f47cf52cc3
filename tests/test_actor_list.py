"""An actor's own 责任清单 (the XLSX the site offers beside each actor's page)."""

from __future__ import annotations

import io

import openpyxl

import responsibility
from responsibility.graph.responsibility_list import actor_rows, actor_xlsx

PS = responsibility.load()


def test_county_government_list_has_the_project_pool_under_article_19() -> None:
    rows = actor_rows(PS, "county.government")
    central = rows["central"]
    pool = [r for r in central if r.duty == "central/art_19/project-pool"]
    assert len(pool) == 1
    assert pool[0].cells()[-1].endswith("第十九条")
    # it also owes the county Party committee and government's joint duties (第十四条)
    assert any(r.duty == "central/art_14/implementation-plan" for r in central)
    # numbering restarts on every sheet
    assert [r.cells()[0] for r in central] == list(range(1, len(central) + 1))


def test_a_concrete_body_owes_its_role_types_duties_under_the_central_measure() -> None:
    rows = actor_rows(PS, "wuyi.county-government")
    assert any(r.duty == "central/art_19/project-pool" for r in rows["central"])
    assert "wuyi" in rows and "shanxi" not in rows


def test_actor_workbook_has_one_frozen_sheet_per_regulation_and_is_reproducible() -> None:
    data = actor_xlsx(PS, "wuyi.county-government")
    assert data == actor_xlsx(PS, "wuyi.county-government")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert sorted(wb.sheetnames) == sorted(actor_rows(PS, "wuyi.county-government"))
    ws = wb["central"]
    assert ws.freeze_panes == "A2"
    assert str(ws.cell(1, 1).value).startswith("序号")


def test_a_body_that_owes_nothing_gets_a_header_only_workbook() -> None:
    idle = next(a for a in sorted(PS.actors) if not actor_rows(PS, a))
    wb = openpyxl.load_workbook(io.BytesIO(actor_xlsx(PS, idle)))
    assert wb.sheetnames == ["责任清单"] and wb["责任清单"].max_row == 1
