"""One vocabulary across every command and format (issue 16, item 2): Chinese by default, English
with --lang en, every word from the one label table (policy/labels.py); the same duty named the
same way by every command."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from responsibility.cli.main import main
from responsibility.core.table import width
from responsibility.graph.queries import Basis
from responsibility.graph.responsibility_list import HEADERS
from responsibility.policy import labels as L
from responsibility.policy.loader import load
from responsibility.policy.model import (
    Action,
    ActorKind,
    CounterpartyRole,
    Frequency,
    Level,
    Modality,
    ParentStatus,
    Responsibility,
    Status,
)

PS = load()

# Every id of a controlled vocabulary, as the policy files write it.
VOCABULARY_IDS = {
    str(v.value)
    for enum in (
        Modality, Frequency, Responsibility, CounterpartyRole, Level, ParentStatus, ActorKind, Status, Basis,
        Action,
    )
    for v in enum
} | {"part-of"}

# Commands with a table, on the shipped policies.
TABLES = [
    ["duties", "--regulation", "central", "--provision", "第九条"],
    ["duties", "--regulation", "wuyi"],
    ["who", "central/第十九条"],
    ["owes", "武邑县人民政府"],
    ["chain", "武邑县人民政府"],
    ["chain", "province.principal-leaders"],
    ["trace", "central/第九条"],
    ["trace", "central/第十九条"],
    ["compare", "central", "shanxi"],
    ["actors", "--regulation", "wuyi"],
    ["places"],
    ["topics"],
    ["artefacts"],
]
# The English labels a column of each header may hold.
EN_COLUMNS: dict[str, dict[object, tuple[str, str]]] = {
    "modality": L.MODALITY_LABEL,
    "frequency": L.FREQUENCY_LABEL,
    "kind of responsibility": L.RESPONSIBILITY_LABEL,
    "relation": L.RELATION_LABEL,
    "basis": L.BASIS_LABEL,
    "status": L.STATUS_LABEL,
    "level": L.LEVEL_LABEL,
    "kind": L.ACTOR_KIND_LABEL,
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def tables(out: str) -> Iterator[tuple[list[str], list[dict[str, str]]]]:
    """Each table of an answer: its headers and its rows as {header: cell}, cut at the columns
    the dashes under the headers mark (cells hold wide characters)."""
    lines = out.splitlines()
    for i in range(1, len(lines)):
        dashes = lines[i]
        if not dashes or set(dashes) - {"-", " "}:
            continue
        spans, col = [], 0
        for part in dashes.split("  "):
            spans.append((col, col + len(part)))
            col += len(part) + 2
        headers = _cut(lines[i - 1], spans)
        rows = []
        for ln in lines[i + 1 :]:
            if not ln.strip():
                break
            cells = _cut(ln, spans)
            if len(cells) != len(headers):
                break
            rows.append(dict(zip(headers, cells, strict=True)))
        yield headers, rows


def _cut(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """The cells of a line at display columns `spans` (the last runs to the end of the line)."""
    cells, col, cur, k = [], 0, "", 0
    for ch in line:
        if k < len(spans) - 1 and col >= spans[k][1] + 2:
            cells.append(cur.strip())
            cur, k = "", k + 1
        cur += ch
        col += width(ch)
    cells.append(cur.strip())
    return cells if len(cells) == len(spans) else []


def _words(cell: str) -> list[str]:
    """A cell's words: list cells split at 、 and ', ', a parenthesised name cut off."""
    out = []
    for part in cell.replace("、", ", ").split(", "):
        out.append(part.split(" (")[0].strip())
    return out


def _assert_chinese(argv: list[str], out: str) -> None:
    found = list(tables(out))
    assert found, (argv, out)
    for headers, rows in found:
        assert headers and all(not h.isascii() for h in headers), (argv, headers)
        assert rows, (argv, headers)
        for row in rows:
            for header, cell in row.items():
                if header in ("标识", "英文名称"):  # the ids to type back; the English name
                    continue
                leftover = [w for w in _words(cell) if w in VOCABULARY_IDS]
                assert not leftover, (argv, header, cell)


@pytest.mark.parametrize("argv", TABLES, ids=lambda a: " ".join(a))
def test_chinese_tables_hold_no_vocabulary_ids(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, *argv)
    _assert_chinese(argv, out)
    assert out == run(capsys, *argv, "--lang", "zh")  # zh is the default


@pytest.mark.parametrize("argv", TABLES, ids=lambda a: " ".join(a))
def test_english_tables_read_as_the_tables_english_labels(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, *argv, "--lang", "en")
    found = list(tables(out))
    assert found
    checked = 0
    for headers, rows in found:
        assert all(h.isascii() for h in headers), headers
        for header in set(headers) & set(EN_COLUMNS):
            english = {en for _, en in EN_COLUMNS[header].values()} | {"-"}
            for row in rows:
                for word in _words(row[header]):
                    assert word in english, (argv, header, row[header])
                    checked += 1
    if argv[0] in ("duties", "who", "owes", "chain", "trace", "actors", "places"):
        assert checked, argv  # these tables have vocabulary columns


def test_the_responsibility_list_follows_lang(capsys: pytest.CaptureFixture[str]) -> None:
    zh = list(csv.reader(io.StringIO(run(capsys, "list", "--regulation", "wuyi").lstrip("\ufeff"))))
    en = list(csv.reader(io.StringIO(run(capsys, "list", "--regulation", "wuyi", "--lang", "en").lstrip("\ufeff"))))
    assert zh[0] == [zh for zh, _ in HEADERS]
    assert all(h.isascii() for h in en[0]) and len(zh) == len(en)
    kinds_zh = {w for r in zh[1:] for w in r[2].split("、")}
    kinds_en = {w for r in en[1:] for w in r[2].split(", ")}
    assert kinds_zh <= {zh for zh, _ in L.RESPONSIBILITY_LABEL.values()}
    assert kinds_en <= {en for _, en in L.RESPONSIBILITY_LABEL.values()}
    assert not kinds_zh & VOCABULARY_IDS
    freq_zh = {r[4] for r in zh[1:]} - {""}
    assert freq_zh and freq_zh <= {zh for zh, _ in L.FREQUENCY_LABEL.values()}


def test_json_keeps_ids_and_adds_the_labels(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("zh", "en"):
        data = json.loads(run(capsys, "who", "central/第十九条", "--format", "json", "--lang", lang))
        owner = data["duties"][0]["owners"][0]
        assert owner["responsibility"] == "general"  # the id, the machine key
        assert owner["responsibility_label"] == L.say(L.RESPONSIBILITY_LABEL, "general", lang)
        assert owner["actor"]["id"] == "county.government"
        assert owner["actor"]["display"] == ("县级政府" if lang == "zh" else "county government")
        duty = data["duties"][0]["duty"]
        assert duty["display"] == (duty["zh"] if lang == "zh" else duty["en"])
    rows = json.loads(run(capsys, "duties", "--regulation", "central", "--provision", "第九条", "--format", "json"))
    assert rows[0]["modality"] == "obligation" and rows[0]["modality_label"] == "应当"
    assert rows[0]["article"] == "第九条" and rows[0]["regulation_label"] == "中央"


def test_a_missing_english_text_is_the_chinese_one_marked() -> None:
    assert L.in_lang("县政府", None, "en") == "[zh] 县政府"
    assert L.in_lang(None, "county government", "zh") == "[en] county government"
    assert L.in_lang("县政府", "county government", "zh") == "县政府"


def _named(out: str) -> set[tuple[str, str]]:
    """(article, duty) as each table names a duty."""
    found = set()
    for headers, rows in tables(out):
        art, duty = L.COLUMN_LABEL["article"][0], L.COLUMN_LABEL["duty"][0]
        if art in headers and duty in headers:
            found |= {(r[art], r[duty]) for r in rows}
    return found


def test_the_same_duty_is_named_the_same_way_by_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    ref = "central/art_19/project-pool"
    name = ("中央 第十九条", PS.duty(ref).summary.zh)
    assert name in _named(run(capsys, "duties", "--regulation", "中央", "--provision", "第十九条"))
    assert name in _named(run(capsys, "who", ref))
    assert name in _named(run(capsys, "owes", "county.government"))
    assert f"{name[0]} {name[1]}" == run(capsys, "trace", ref).splitlines()[0]
    # compare names the duties it lists the same way: regulation, article as printed, summary
    central = {f"中央 {e.citation} {e.duty.summary.zh}" for e in PS.duties("central")}
    dropped = [ln[4:] for ln in run(capsys, "compare", "central", "wuyi").splitlines() if ln.startswith("  - ")]
    assert dropped and set(dropped) <= central


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actor=st.sampled_from(sorted(PS.actors)))
def test_owes_and_chain_of_any_body_speak_chinese(actor: str, capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("owes", "chain"):
        out = run(capsys, command, actor)
        for _, rows in tables(out):
            for row in rows:
                for cell in row.values():
                    assert not [w for w in _words(cell) if w in VOCABULARY_IDS], (command, actor, cell)
