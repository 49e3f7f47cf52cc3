"""Strict, safe YAML reading with source positions.

PyYAML's composer (libyaml-backed when available) builds a node tree that still carries line
and column marks; we turn nodes into plain Python values ourselves so that we can:

* reject duplicate keys (PyYAML silently keeps the last one);
* reject every tag outside the YAML core schema (``!!python/object`` would build objects);
* reject anchors and aliases, which policy files never need and which make alias bombs possible;
* remember where every value came from, so later errors point at ``file:line:col``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .errors import Diagnostic, PolicyError

try:  # libyaml is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

LIBYAML: bool = getattr(yaml, "__with_libyaml__", False)
MAX_BYTES = 4 * 1024 * 1024  # policy files are tens of KB; refuse before parsing anything huge

Path = tuple[str | int, ...]
Marks = dict[Path, tuple[int, int]]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def path_str(path: Path) -> str:
    """`divisions[0].provisions[3].duties[1].quote` — how a path is shown to authors."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _error(name: str, line: int, col: int, code: str, msg: str, hint: str = "") -> PolicyError:
    return PolicyError([Diagnostic(name, line, col, code, msg, hint=hint)])


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text, or an error pointing at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _error(
            name,
            line,
            col,
            "E005",
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8",
        ) from None


def load_text(text: str, name: str) -> tuple[Any, Marks]:
    """Parse one YAML document into plain values plus the mark of every path."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _error(name, 1, 1, "E006", "empty file", "a policy file is a mapping with 'kind' and 'id'")
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise _error(
                    name, 1, 1, "E006", "empty file", "a policy file is a mapping with 'kind' and 'id'"
                )
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise _error(
            name,
            line,
            col,
            "E001",
            f"YAML syntax error: {problem}",
            "check indentation and quoting near this point",
        ) from None
    except yaml.YAMLError as exc:
        raise _error(name, 1, 1, "E001", f"YAML error: {exc}") from None
    marks: Marks = {}
    seen: set[int] = set()
    return _convert(node, (), marks, seen, name), marks


_STR, _MAP, _SEQ, _MERGE = (_CORE + t for t in ("str", "map", "seq", "merge"))


def _convert(node: yaml.Node, path: Path, marks: Marks, seen: set[int], name: str) -> Any:
    # Hot path: policy files are mostly plain strings, so they skip the generic constructor.
    mark = node.start_mark
    if id(node) in seen:
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            "E004",
            "this anchored value is reused through an alias; anchors and aliases are not allowed",
            "write the value out in full where it is reused",
        )
    seen.add(id(node))
    marks[path] = (mark.line + 1, mark.column + 1)
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        if tag != _MAP:
            raise _tag_error(node, name)
        return _mapping(node, path, marks, seen, name)
    if isinstance(node, yaml.SequenceNode):
        if tag != _SEQ:
            raise _tag_error(node, name)
        return [_convert(n, (*path, i), marks, seen, name) for i, n in enumerate(node.value)]
    if tag not in _SCALAR_TAGS:
        raise _tag_error(node, name)
    value = _CONSTRUCTOR.construct_object(node, deep=True)
    if isinstance(value, dt.datetime):
        raise _error(
            name,
            mark.line + 1,
            mark.column + 1,
            "E011",
            "a timestamp is not allowed here",
            "write a date: 2017-03-09",
        )
    return value


def _mapping(node: yaml.MappingNode, path: Path, marks: Marks, seen: set[int], name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if key_node.tag == _MERGE:
            raise _error(
                name, k_line, k_col, "E004", "merge keys (<<) are not allowed", "write the keys out in full"
            )
        key = _convert(key_node, path, {}, seen, name)
        if not isinstance(key, str):
            key = str(key)
        child = (*path, key)
        if key in out:
            first = marks.get(child, (0, 0))
            raise _error(
                name,
                k_line,
                k_col,
                "E002",
                f"duplicate key '{key}' (first at line {first[0]})",
                "remove one of the two, or merge them",
            )
        out[key] = _convert(value_node, child, marks, seen, name)
        # errors about a value (or a missing child of it) point at its key's line
        marks[child] = (k_line, k_col)
    return out


def _tag_error(node: yaml.Node, name: str) -> PolicyError:
    mark = node.start_mark
    return _error(
        name,
        mark.line + 1,
        mark.column + 1,
        "E003",
        f"tag '{node.tag}' is not allowed: policy files use plain YAML only",
        "remove the tag; only strings, numbers, booleans, dates, lists and mappings are allowed",
    )


def dump_document(doc: Any) -> str:
    """A pydantic policy document as YAML that loads back to an equal document.

    Defaults are left out so that written files stay as short as hand-written ones; Chinese is
    written as is, not escaped.
    """
    data = doc.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100))


try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
