"""Property-based tests of the schema and loader."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import responsibility
from responsibility.core.errors import PolicyError
from responsibility.policy.model import (
    EID,
    SLUG,
    Action,
    Counterparty,
    CounterpartyRole,
    Division,
    Duty,
    Frequency,
    Level,
    Modality,
    Owner,
    Provision,
    Regulation,
    Responsibility,
    Status,
    Text,
)
from responsibility.policy.yamlfile import dump_document, load_text

slugs = st.from_regex(SLUG, fullmatch=True).filter(lambda s: len(s) < 40)
eids = st.from_regex(EID, fullmatch=True).filter(lambda s: len(s) < 40)
words = st.text(min_size=1, max_size=30)
texts = st.builds(Text, zh=words, en=st.none() | words)


@st.composite
def duties(draw: st.DrawFn, provision_text: str) -> Duty:
    start = draw(st.integers(0, len(provision_text) - 1))
    end = draw(st.integers(start + 1, len(provision_text)))
    return Duty(
        id=draw(slugs),
        summary=draw(texts),
        owners=draw(
            st.lists(
                st.builds(
                    Owner, actor=slugs, responsibility=st.sampled_from(Responsibility), zh=st.none() | words
                ),
                min_size=1,
                max_size=3,
            )
        ),
        action=draw(st.sampled_from(Action)),
        object=draw(st.none() | texts),
        modality=draw(st.sampled_from(Modality)),
        condition=draw(st.none() | texts),
        frequency=draw(st.none() | st.sampled_from(Frequency)),
        counterparties=draw(
            st.lists(
                st.builds(
                    Counterparty, role=st.sampled_from(CounterpartyRole), actor=slugs, zh=st.none() | words
                ),
                max_size=3,
            )
        ),
        artefacts=draw(st.lists(slugs, max_size=3)),
        topics=draw(st.lists(slugs, max_size=3)),
        local_addition=draw(st.booleans()),
        quote=provision_text[start:end],
        note=draw(st.none() | words),
    )


@st.composite
def provisions(draw: st.DrawFn) -> Provision:
    text = draw(words)
    ds = draw(st.lists(duties(text), max_size=3))
    return Provision(
        id=draw(eids),
        label=draw(st.none() | words),
        label_inferred=draw(st.booleans()),
        text=text,
        duties=ds,
        no_duty_reason=None if ds else draw(words),
    )


@st.composite
def regulations(draw: st.DrawFn) -> Regulation:
    divisions = draw(
        st.lists(
            st.builds(
                Division,
                id=eids,
                label=st.none() | words,
                title=texts,
                provisions=st.lists(provisions(), max_size=3),
            ),
            max_size=3,
        )
    )
    return Regulation(
        id=draw(slugs),
        title=draw(texts),
        level=draw(st.sampled_from(Level)),
        status=draw(st.sampled_from(Status)),
        jurisdiction=draw(slugs),
        issued=draw(st.none() | st.dates(dt.date(1949, 10, 1), dt.date(2100, 1, 1))),
        heading=draw(st.lists(words, max_size=2)),
        provisions=draw(st.lists(provisions(), max_size=2)),
        divisions=divisions,
        note=draw(st.none() | words),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regulations())
def test_model_to_yaml_to_model_is_the_identity(reg: Regulation) -> None:
    text = dump_document(reg)
    data, _ = load_text(text, "generated.yaml")
    assert Regulation.model_validate(data) == reg


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
policy_like = st.fixed_dictionaries(
    {"kind": st.sampled_from(["regulation", "catalogue", "other"]), "id": st.text(max_size=10)},
    optional={"title": yaml_values, "divisions": yaml_values, "actors": yaml_values, "level": yaml_values},
)


def _load_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "fuzz.yaml"
        f.write_bytes(raw)
        try:
            responsibility.load([f], include_shipped=False)
        except PolicyError as exc:
            assert exc.diagnostics
            assert all(diag.line >= 1 and diag.column >= 1 for diag in exc.diagnostics)


@settings(max_examples=200, deadline=None)
@given(st.one_of(yaml_values, policy_like))
def test_loader_on_generated_yaml_raises_only_policy_errors(value: object) -> None:
    _load_bytes(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_loader_on_arbitrary_bytes_raises_only_policy_errors(raw: bytes) -> None:
    _load_bytes(raw)
