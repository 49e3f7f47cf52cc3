"""Lines of regulations that share one chain diagram are named in one heading, Chinese first: all
the Chinese names, then all the English ones, never an English gloss between two Chinese names."""

from __future__ import annotations

from responsibility.site.render import gloss
from responsibility.site.views import ChainView, Name


def _view(lines: tuple[Name, ...], more: int) -> ChainView:
    return ChainView(lines, more, (), (), (), ())


def test_one_line_is_its_own_name() -> None:
    line = Name("山西：中央 + 山西", "Shanxi Province: Central + Shanxi Province")
    assert _view((line,), 0).heading == line


def test_shared_lines_read_chinese_first() -> None:
    lines = (
        Name("麻江：中央 + 麻江", "Majiang: Central + Majiang"),
        Name("武邑：中央 + 武邑", "Wuyi: Central + Wuyi"),
    )
    heading = _view(lines, 3).heading
    assert heading == Name(
        "麻江：中央 + 麻江；武邑：中央 + 武邑；等另 3 条规定线",
        "Majiang: Central + Majiang; Wuyi: Central + Wuyi; and 3 more lines",
    )
    shown = gloss(heading)
    assert shown.count('<span class="rsp-en"') == 1
    assert shown.index("武邑") < shown.index("rsp-en")  # every Chinese name before the English
