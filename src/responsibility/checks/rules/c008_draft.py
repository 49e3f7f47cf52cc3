"""The regulation is a draft (status `draft`, or 讨论稿 / 征求意见稿 in its title), checked as such.

## What it checks
Whether the regulation is marked or titled as a draft. Its findings are real, but they are
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
When the rule is issued, set `status: in-force` and remove 讨论稿 from the title.
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity
from responsibility.policy.model import Status

from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C008", "draft", Severity.info, "the regulation is a draft and is checked as one", Category.conformance
)
DRAFT_WORDS = ("讨论稿", "征求意见稿", "送审稿", "草案")


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    reg = ctx.regulation
    words = [w for w in DRAFT_WORDS if w in reg.title.zh or any(w in h for h in reg.heading)]
    if reg.status != Status.draft and not words:
        return
    say = ctx.names
    title = say.title(reg.id)
    if say.zh:
        said = f"，标题含「{'、'.join(words)}」" if words else ""
        message = f"{title}是讨论稿（status: {reg.status.value}{said}），检查结果针对的是尚在讨论中的文本"
    else:
        said = f", title says {'、'.join(words)}" if words else ""
        message = (
            f"{title} is a draft (status {reg.status.value}{said}); "
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


def _keys(ctx: ConformanceContext) -> set[str]:
    src = ctx.ps.sources.get(ctx.regulation.id)
    return {str(p[0]) for p in src.marks if len(p) == 1} if src else set()
