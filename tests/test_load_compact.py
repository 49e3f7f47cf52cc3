"""The loader's lean path (issue 14): positions worked out when asked, models that share equal
strings and field sets, the faster tag resolver and blank-file test, the collector restored."""

from __future__ import annotations

import copy
import gc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from responsibility.core.errors import PolicyError
from responsibility.policy import model, yamlfile
from responsibility.policy.loader import shipped_root

SHIPPED = sorted(shipped_root().rglob("*.yaml"))


def test_lazy_marks_are_the_marks_of_the_file() -> None:
    for f in SHIPPED[:12]:
        raw = f.read_bytes()
        text = yamlfile.decode(raw, f.name)
        eager = yamlfile.load_text(text, f.name)[1]
        import hashlib

        lazy = yamlfile.LazyMarks(f, f.name, hashlib.sha256(raw).digest())
        assert dict(lazy.items()) == eager and len(lazy) == len(eager)
        path = next(iter(eager))
        assert path in lazy and lazy[path] == eager[path]


def test_a_file_edited_after_loading_is_located_at_its_start(tmp_path: Path) -> None:
    src = next(f for f in SHIPPED if "\nkind: catalogue" in f.read_text("utf-8"))
    f = tmp_path / src.name
    f.write_bytes(src.read_bytes())
    ps = responsibility.load([f], include_shipped=False, use_cache=False)
    info = next(iter(ps.sources.values()))
    f.write_text("\n\n\n" + src.read_text("utf-8"), "utf-8")  # every line moves down by three
    assert info.locate(("id",)) == (1, 1)  # not a position of the text it no longer is


def test_positions_of_a_loaded_set_match_a_fresh_parse() -> None:
    ps = responsibility.load(use_cache=False)
    for info in ps.sources.values():
        eager = yamlfile.load_text(yamlfile.read_text(info.origin or info.file, info.file), info.file)[1]
        for path in list(eager)[:: max(1, len(eager) // 20)]:
            assert info.locate(path) == eager[path]


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.one_of(
            st.text(alphabet="ab中文 :#-'\"0123.tT", max_size=6),
            st.integers(-5, 5),
            st.booleans(),
            st.none(),
        ),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(alphabet="abk中", min_size=1, max_size=3), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_data_without_marks_is_the_data_with_marks(value: object) -> None:
    text = yaml.safe_dump({"kind": "x", "v": value}, allow_unicode=True)
    assert yamlfile.load_data(text, "f.yaml") == yamlfile.load_text(text, "f.yaml")[0]
    assert yamlfile.load_data(text, "f.yaml") == yaml.safe_load(text)


def test_a_duplicate_key_names_the_first_line_without_marks() -> None:
    text = "kind: regulation\nid: a\ntitle: x\nid: b\n"
    for read in (yamlfile.load_data, lambda t, n: yamlfile.load_text(t, n)[0]):
        with pytest.raises(PolicyError) as exc:
            read(text, "f.yaml")
        (d,) = exc.value.diagnostics
        assert "first at line 2" in d.message and d.location.line == 4


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\r\n#a\u3000\x85\u2028\x0c", max_size=12))
def test_blank_is_what_it_was(text: str) -> None:
    old = not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())
    assert yamlfile.is_blank(text) == old


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.-+eE:xoabtTfFnN~yY中 _", max_size=10))
def test_fast_resolver_gives_the_tags_of_libyaml(scalar: str) -> None:
    for text in (f"v: {scalar}\n", f"v: '{scalar}'\n"):
        try:
            want = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        loader = yamlfile._FastLoader(text)
        try:
            got = loader.get_single_node()
        finally:
            loader.dispose()
        assert got is not None and want is not None
        assert got.value[0][1].tag == want.value[0][1].tag


def _models(doc: model.BaseModel) -> list[model.BaseModel]:
    out, stack = [], [doc]
    while stack:
        m = stack.pop()
        out.append(m)
        for v in m.__dict__.values():
            items = v if isinstance(v, list) else [v]
            stack += [x for x in items if isinstance(x, model.BaseModel)]
    return out


def test_compact_shares_without_changing_values() -> None:
    ps = responsibility.load(use_cache=False)
    reg = next(iter(ps.regulations.values()))
    fresh = type(reg).model_validate(reg.model_dump(by_alias=True, exclude_unset=True))
    before = fresh.model_dump(mode="json")
    unset_before = fresh.model_dump(mode="json", exclude_unset=True)
    fields_before = [m.model_fields_set for m in _models(fresh)]
    model.compact(fresh, model.Shared())
    assert fresh.model_dump(mode="json") == before
    assert fresh.model_dump(mode="json", exclude_unset=True) == unset_before
    assert [set(m.model_fields_set) for m in _models(fresh)] == [set(f) for f in fields_before]
    sets = [m.__pydantic_fields_set__ for m in _models(fresh)]
    assert len({id(s) for s in sets}) < len(sets)  # shared


def test_a_changed_model_does_not_change_the_ones_it_shares_with() -> None:
    ps = responsibility.load(use_cache=False)
    duties = [e.duty for e in ps.all_duties() if e.duty.note is None]
    a, b = next(
        (x, y)
        for x in duties
        for y in duties
        if x is not y and x.__pydantic_fields_set__ is y.__pydantic_fields_set__
    )
    a.note = "changed"
    assert "note" in a.model_fields_set and "note" not in b.model_fields_set and b.note is None
    c = b.model_copy(update={"deadline": "年底"})
    assert "deadline" in c.model_fields_set and "deadline" not in b.model_fields_set
    d = copy.deepcopy(b)
    d.note = "x"
    assert "note" not in b.model_fields_set


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_restores_the_collector(enabled: bool, tmp_path: Path) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        responsibility.load(include_shipped=True, use_cache=False)
        assert gc.isenabled() is enabled
        bad = tmp_path / "bad.yaml"
        bad.write_text("kind: regulation\nid: [\n", "utf-8")
        with pytest.raises(PolicyError):
            responsibility.load([bad], use_cache=False)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_models_from_the_cache_share_and_still_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESPONSIBILITY_CACHE_DIR", str(tmp_path / "cache"))
    cold = responsibility.load(use_cache=True)
    warm = responsibility.load(use_cache=True)
    assert [r.model_dump(mode="json", exclude_unset=True) for r in warm.regulations.values()] == [
        r.model_dump(mode="json", exclude_unset=True) for r in cold.regulations.values()
    ]
    duty = next(e.duty for e in warm.all_duties() if "note" not in e.duty.model_fields_set)
    shared = duty.__pydantic_fields_set__
    assert isinstance(shared, model.SharedFieldSet)
    with pytest.raises(TypeError):
        shared.add("note")
    duty.note = "changed"
    assert "note" in duty.model_fields_set and "note" not in shared
