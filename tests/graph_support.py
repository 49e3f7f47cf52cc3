"""Shared helpers for the graph and query tests: the fixture policy set, and generated policy sets."""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.policy.model import (
    Action,
    Actor,
    ActorKind,
    ArtefactKind,
    Counterparty,
    CounterpartyRole,
    Duty,
    Frequency,
    Level,
    Modality,
    Owner,
    Place,
    Provision,
    Regulation,
    Responsibility,
    Text,
    Topic,
)
from responsibility.policy.policyset import PolicySet

FIXTURES = ROOT / "tests" / "fixtures" / "graph"


@cache
def fixture_set() -> PolicySet:
    """The graph fixtures with the shipped catalogue only: unaffected by regulations landing in main."""
    return responsibility.load([ROOT / "policies" / "catalogue", FIXTURES], include_shipped=False)


def fixture_args() -> list[str]:
    return ["--no-shipped", "--policies", str(ROOT / "policies" / "catalogue"), "--policies", str(FIXTURES)]


# -- generated policy sets -----------------------------------------------------------------------

LEVELS = [Level.central, Level.province, Level.city, Level.county, Level.township]
ACTORS = [
    Actor(id=f"{lv.value}.body-{k}", name=Text(zh=f"{lv.value}{k}"), level=lv)
    for lv in LEVELS
    for k in range(2)
]
COMPOSITES = [
    Actor(
        id=f"{lv.value}.joint",
        name=Text(zh=f"{lv.value}联合"),
        level=lv,
        kind=ActorKind.composite,
        members=[f"{lv.value}.body-0", f"{lv.value}.body-1"],
    )
    for lv in LEVELS
]
PLACES = [Place(id="cn", name=Text(zh="中国"), level=Level.central)]
TOPICS = [Topic(id=t, name=Text(zh=t)) for t in ("planning", "reporting", "funding")]
ARTEFACTS = [ArtefactKind(id=a, name=Text(zh=a)) for a in ("plan", "report")]
ACTOR_IDS = [a.id for a in ACTORS + COMPOSITES]


@st.composite
def _duty(draw: st.DrawFn, key: int, parents: list[str]) -> Duty:
    return Duty(
        id=f"d{key}",
        summary=Text(zh=f"义务{key}"),
        owners=[
            Owner(actor=a, responsibility=draw(st.sampled_from(Responsibility)))
            for a in draw(st.lists(st.sampled_from(ACTOR_IDS), min_size=1, max_size=3, unique=True))
        ],
        action=draw(st.sampled_from(Action)),
        modality=draw(st.sampled_from(Modality)),
        frequency=draw(st.none() | st.sampled_from(Frequency)),
        counterparties=[
            Counterparty(role=r, actor=a)
            for r, a in draw(
                st.lists(st.tuples(st.sampled_from(CounterpartyRole), st.sampled_from(ACTOR_IDS)), max_size=2)
            )
        ],
        artefacts=draw(st.lists(st.sampled_from([a.id for a in ARTEFACTS]), unique=True, max_size=2)),
        topics=draw(st.lists(st.sampled_from([t.id for t in TOPICS]), unique=True, max_size=2)),
        implements=draw(st.lists(st.sampled_from(parents), unique=True, max_size=2)) if parents else [],
        quote=f"义务{key}",
    )


@st.composite
def policy_sets(draw: st.DrawFn) -> PolicySet:
    """A consistent policy set: a central regulation and regulations below it, each implementing
    an earlier one, their duties implementing earlier duties."""
    n_regs = draw(st.integers(1, 4))
    regs: list[Regulation] = []
    all_duties: list[str] = []
    for r in range(n_regs):
        reg_id = f"reg-{r}"
        provisions = []
        mine: list[str] = []
        for p in range(draw(st.integers(1, 3))):
            ds = [draw(_duty(k, list(all_duties))) for k in range(draw(st.integers(0, 3)))]
            provisions.append(
                Provision(
                    id=f"art_{p + 1}",
                    text="".join(d.quote for d in ds) or "条文",
                    duties=ds,
                    no_duty_reason=None if ds else "无",
                )
            )
            mine += [f"{reg_id}/art_{p + 1}/{d.id}" for d in ds]
        regs.append(
            Regulation(
                id=reg_id,
                title=Text(zh=f"办法{r}"),
                level=LEVELS[min(r, len(LEVELS) - 1)],
                jurisdiction="cn",
                implements=[f"reg-{draw(st.integers(0, r - 1))}"] if r else [],
                provisions=provisions,
            )
        )
        all_duties += mine
    return PolicySet(regs, ACTORS + COMPOSITES, PLACES, ARTEFACTS, TOPICS)
