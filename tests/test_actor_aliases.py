"""Other names the texts give a body (县政府 for 县级政府): looked up like its name, and only as a
text writes it — each alias quotes the provision that uses it, and a quote that is not there, or
that does not hold the name, is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from responsibility.cli.main import main
from responsibility.core.errors import PolicyError
from responsibility.policy import lookup
from responsibility.policy.loader import load

PS = load()


def test_xian_zhengfu_is_the_county_government_role_as_the_texts_use_it() -> None:
    assert lookup.actor_id(PS, "县政府") == "county.government"
    aliases = PS.actors["county.government"].aliases
    assert {a.regulation for a in aliases} == {"shanxi", "wuyi"}
    for a in aliases:  # each quote is in its provision and holds the name
        text = next(e.provision.text for e in PS.provisions(a.regulation) if e.provision.id == a.provision)
        assert a.quote in text and a.zh in a.quote


def test_owes_xian_zhengfu(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["owes", "县政府"]) == 0
    by_alias = capsys.readouterr().out
    assert main(["owes", "县级政府"]) == 0
    assert by_alias == capsys.readouterr().out and by_alias.startswith("县级政府：")


def test_an_alias_of_a_regulation_not_loaded_is_not_checked(tmp_path: Path) -> None:
    """The shared catalogue is read without the shipped regulations too (--no-shipped)."""
    alias = "  - {zh: 某局, regulation: elsewhere, provision: art_1, quote: 某局}\n"
    ps = load([_catalogue(tmp_path, alias)])
    assert lookup.actor_id(ps, "某局") == "county.extra"


def _catalogue(tmp_path: Path, alias: str) -> Path:
    (tmp_path / "c.yaml").write_text(
        "kind: catalogue\nid: extra\nactors:\n"
        "- id: county.extra\n  name: {zh: 某局, en: a bureau}\n  level: county\n  aliases:\n" + alias,
        "utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("  - {zh: 县政府, regulation: shanxi, provision: art_36, quote: 每年向县委、县政府报告进展}\n",
         "E022 quote is not a verbatim substring"),
        ("  - {zh: 某局, regulation: shanxi, provision: art_36, quote: 每年向县委、县政府报告扶贫脱贫进展情况}\n",
         "E022 the quote does not contain the name '某局'"),
        ("  - {zh: 县政府, regulation: shanxi, provision: art_99, quote: 县政府}\n",
         "E021 unknown provision of shanxi 'art_99'"),
    ],
)  # fmt: skip
def test_an_alias_the_text_does_not_bear_out_is_an_error(tmp_path: Path, alias: str, expected: str) -> None:
    with pytest.raises(PolicyError) as err:
        load([_catalogue(tmp_path, alias)])
    shown = [d.format() for d in err.value.diagnostics]
    assert any(expected in s and "c.yaml:8:" in s for s in shown), shown
