"""C008's message is true of the text: the draft word it found, where (the title or heading line
N), and the status by its label — not 讨论稿 for every draft word, nor a title that does not say it."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_helpers import PARENT, RULES_DIR, TODAY
from responsibility.checks.runner import Options, run

FAIL = RULES_DIR / "C008" / "fail" / "fx-county.yaml"
TITLE = "示例县脱贫攻坚责任制实施办法(讨论稿)"


def _c008(tmp_path: Path, title: str, status: str, heading: list[str], lang: str = "zh") -> list[str]:
    text = FAIL.read_text("utf-8")
    assert TITLE in text and "\nstatus:" not in text and "\nheading:" not in text
    text = text.replace(TITLE, title).replace("\nlevel:", f"\nstatus: {status}\nlevel:", 1)
    if heading:
        text += "heading:\n" + "".join(f"- '{line}'\n" for line in heading)
    (tmp_path / "fx-county.yaml").write_text(text, "utf-8")
    opts = Options(paths=[tmp_path], policies=[PARENT], today=TODAY, lang=lang)
    return [f.message for f in run(opts).findings if f.code == "C008"]


def test_a_word_in_a_heading_line_is_said_to_be_there_not_in_the_title(tmp_path: Path) -> None:
    [zh] = _c008(tmp_path, "示例县脱贫攻坚责任制实施办法", "draft", ["示例县脱贫攻坚责任制实施办法", "(征求意见稿)"])
    assert zh == (
        "《示例县脱贫攻坚责任制实施办法》尚未定稿：状态为「讨论稿」（status: draft），"
        "文件抬头第 2 行「(征求意见稿)」含「征求意见稿」；检查结果针对的是尚在讨论中的文本"
    )
    assert "标题含" not in zh


@pytest.mark.parametrize("word", ["讨论稿", "征求意见稿", "送审稿", "草案"])
def test_the_word_found_is_named_as_written(tmp_path: Path, word: str) -> None:
    [zh] = _c008(tmp_path, f"示例县脱贫攻坚责任制实施办法({word})", "in-force", [])
    assert f"标题含「{word}」，而状态为「现行有效」（status: in-force）" in zh
    others = {"讨论稿", "征求意见稿", "送审稿", "草案"} - {word}
    assert not any(o in zh.split("尚未定稿")[1] for o in others)


def test_english_names_the_word_and_where(tmp_path: Path) -> None:
    [en] = _c008(tmp_path, "示例县脱贫攻坚责任制实施办法", "draft", ["示例县脱贫攻坚责任制实施办法", "（送审稿）"], "en")
    assert "is a draft: status is draft, heading line 2 '（送审稿）' contains 送审稿;" in en
    [en] = _c008(tmp_path, "示例县脱贫攻坚责任制实施办法(草案)", "in-force", [], "en")
    assert "the Chinese title contains 草案, though its status is in-force;" in en


def test_no_draft_word_and_no_draft_status_is_no_finding(tmp_path: Path) -> None:
    assert _c008(tmp_path, "示例县脱贫攻坚责任制实施办法", "in-force", ["示例县脱贫攻坚责任制实施办法"]) == []
