"""A parent duty's schedule is weakened (annual → none, quarterly → annual, periodic → as needed).

## What it checks
For each parent duty that local duties implement and that has a schedule — a calendar frequency
(weekly, monthly, quarterly, semiannual, annual), `periodic` (定期) or `continuous` — that the
best of the implementing duties keeps one at least as frequent. A calendar frequency is only
matched by a calendar frequency at least as often; `periodic` by `periodic` or any calendar
frequency; `continuous` by anything but `once` and `as-needed`.

## Why
A report the centre wants every year, which the county rule asks for "when needed" or without
any frequency, will not be produced every year — and the evidence check can no longer expect it.

## Example
```yaml
# central 第九条: 每年向中央报告扶贫脱贫进展情况
- id: progress-report
  frequency: as-needed
  implements: [central/art_9/annual-report]
```

## Fix
```yaml
- id: progress-report
  frequency: annual
  implements: [central/art_9/annual-report]
```
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity
from responsibility.policy.labels import FREQUENCY_LABEL
from responsibility.policy.model import PERIODS_PER_YEAR, Frequency

from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C005",
    "weaker-frequency",
    Severity.warning,
    "a parent duty is implemented with a weaker schedule (annual → none)",
    Category.conformance,
)


def strength(freq: Frequency | None) -> tuple[int, int]:
    """(class, periods per year): calendar > periodic > continuous > once/as-needed/none."""
    if freq in PERIODS_PER_YEAR:
        return (3, PERIODS_PER_YEAR[freq])
    if freq == Frequency.periodic:
        return (2, 0)
    if freq == Frequency.continuous:
        return (1, 0)
    return (0, 0)


def satisfies(local: Frequency | None, parent: Frequency | None) -> bool:
    want, got = strength(parent), strength(local)
    if want[0] == 0:
        return True
    if want[0] == 3:
        return got[0] == 3 and got[1] >= want[1]
    return got[0] >= want[0]


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for parent, locals_ in ctx.implemented_pairs():
        want = parent.duty.frequency
        if any(satisfies(e.duty.frequency, want) for e in locals_):
            continue
        best = max(locals_, key=lambda e: strength(e.duty.frequency))
        assert want is not None  # satisfies() is true for every local duty when the parent has none
        say = ctx.names
        named, want_as = say.named_duty(parent), say.label(FREQUENCY_LABEL, want)
        freq = best.duty.frequency
        got = say.label(FREQUENCY_LABEL, freq) if freq else ""
        yield RULE.finding(
            ctx.where((*best.path, "frequency") if freq else best.path, best.citation),
            say.pick(
                f"{named}的频次为「{want_as}」，本规定" + (f"改为「{got}」" if freq else "未规定频次"),
                f"{named} is {want_as}; this rule makes it {got or 'none'}",
            ),
            target=parent.ref,
            hint=say.pick(
                f"保持上级规定的频次：frequency: {want.value}",
                f"keep the parent's schedule: frequency: {want.value}",
            ),
        )
