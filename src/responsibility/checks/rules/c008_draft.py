"""The regulation is a draft (status `draft`, or a draft word in its title or heading), checked as such.

## What it checks
Whether the regulation is marked as a draft (`status: draft`, labelled 讨论稿) or its title or
one of its `heading` lines says it is one: 讨论稿, 征求意见稿, 送审稿 or 草案. The finding says
which word it found and where (the title, or heading line N). Its findings are real, but they are
findings against a text that is still being written; this one says so at the top of the file.

## Why
Readers of a report (and of CI logs) must be able to tell a gap in a rule in force from an open
point in a draft under discussion.

## Example
```yaml
title: {zh: 示例县脱贫攻坚责任制实施细则(讨论稿)}
status: in-force
```

## Fix
Nothing, while it is a draft — but make the status agree with the title (`status: draft`).
When the rule is issued, set `status: in-force` and remove the draft word from the title.
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity
from responsibility.policy.labels import REGULATION_STATUS_LABEL
from responsibility.policy.model import Status

from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C008", "draft", Severity.info, "the regulation is a draft and is checked as one", Category.conformance
)
DRAFT_WORDS = ("讨论稿", "征求意见稿", "送审稿", "草案")


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    reg = ctx.regulation
    found = _draft_words(reg.title.zh, reg.heading)
    if reg.status != Status.draft and not found:
        return
    say = ctx.names
    # the status by its value and its label (draft: 讨论稿), the words by what and where they are
    status = f"状态为「{say.label(REGULATION_STATUS_LABEL, reg.status)}」（status: {reg.status.value}）"
    where = [_where_zh(w, line, text) if say.zh else _where_en(w, line, text) for w, line, text in found]
    if say.zh:
        said = [status, *where] if reg.status == Status.draft else [*where, f"而{status}"]
        message = f"{say.title(reg.id)}尚未定稿：{'，'.join(said)}；检查结果针对的是尚在讨论中的文本"
    else:
        status = f"status is {reg.status.value}"
        said = [status, *where] if reg.status == Status.draft else [*where, f"though its {status}"]
        message = (
            f"{say.title(reg.id)} is a draft: {', '.join(said)}; "
            "its findings are against a text still under discussion"
        )
    hint = (
        ""
        if reg.status == Status.draft
        else say.pick("将 status 改为 draft，与标题一致", "set status: draft to match the title")
    )
    yield RULE.finding(
        ctx.where(("status",) if "status" in _keys(ctx) else ("title",)),
        message,
        target=reg.id,
        hint=hint,
    )


def _draft_words(title: str, heading: list[str]) -> list[tuple[str, int, str]]:
    """Each draft word the text uses, where first: (word, 0, title) in the title, else (word, N,
    line) in the heading's line N (1-based)."""
    out = []
    for word in DRAFT_WORDS:
        if word in title:
            out.append((word, 0, title))
            continue
        line = next((n for n, text in enumerate(heading, 1) if word in text), None)
        if line is not None:
            out.append((word, line, heading[line - 1]))
    return out


def _where_zh(word: str, line: int, text: str) -> str:
    return f"标题含「{word}」" if line == 0 else f"文件抬头第 {line} 行「{_cut(text)}」含「{word}」"


def _where_en(word: str, line: int, text: str) -> str:
    # the title the message prints is the English one: the word is in the Chinese
    if line == 0:
        return f"the Chinese title contains {word}"
    return f"heading line {line} '{_cut(text)}' contains {word}"


def _cut(text: str) -> str:
    """A heading line as quoted in a message: a long one cut short."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


_SHOWN = 30


def _keys(ctx: ConformanceContext) -> set[str]:
    src = ctx.ps.sources.get(ctx.regulation.id)
    return {str(p[0]) for p in src.marks if len(p) == 1} if src else set()
