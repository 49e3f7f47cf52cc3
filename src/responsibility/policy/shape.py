"""The one way an input's shape is checked: a pydantic model, and its errors as positioned findings.

Every input format — policies, catalogues and rules, facts (YAML and CSV), scenarios, waivers and
the configuration — is a pydantic model. The text is read by :mod:`responsibility.policy.yamlfile`
(or ``tomllib`` for the configuration), which keeps the line and column of every value
(:data:`~responsibility.policy.yamlfile.Marks`); :func:`validate` checks the plain data against
the model and turns each pydantic error into a :class:`~responsibility.core.errors.Finding` at the
value's position, of the format's own rule (:class:`Codes`): an unknown field, a missing field, a
value of the wrong type or shape. Every such finding reads
``file:line:col: CODE message (at path); fix``.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, StrictStr, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from responsibility.core.errors import Finding, Location, PolicyError, Rule
from responsibility.policy import labels
from responsibility.policy.policyset import SourceInfo
from responsibility.policy.yamlfile import Positions, YamlPath, path_str

M = TypeVar("M", bound=BaseModel)

# Text an input writes by hand (a waiver's reason, a scenario's name, a configured path): a string,
# never a number or a date YAML read, with something in it besides blanks.
Text = Annotated[StrictStr, StringConstraints(min_length=1, pattern=r"\S")]

# pydantic puts the tag of a discriminated union in an error's location; documents do not have it.
_UNION_TAGS = frozenset({"condition", "ranking", "streak", "event", "procedure"})
_MAX_SUGGESTIONS = 50  # difflib costs ~1 ms a key: suggest for the first few, list the rest plainly
_SHOWN = 40  # characters of a bad value quoted in a message
# errors about the container rather than the value: a list where a mapping belongs, and so on
_SHAPE_ERRORS = frozenset({"model_type", "model_attributes_type", "dict_type", "list_type", "tuple_type"})


@dataclass(frozen=True)
class Codes:
    """Which rule each kind of shape problem of one input format is reported under, and where
    its fields are documented (the fix of a value the format does not allow)."""

    unknown: Rule  # a field the model does not know
    missing: Rule  # a required field that is absent
    invalid: Rule  # a value of the wrong type, out of range or outside a vocabulary
    shape: Rule  # a mapping or list where the other belongs
    see: str  # where the allowed values are documented
    expression: Rule | None = None  # a bad expression of a computable rule, where the format has them


def validate(
    model: type[M],
    data: object,
    file: str,
    marks: Positions | Callable[[], Positions],
    codes: Codes,
    base: YamlPath = (),
    context: dict[str, Any] | None = None,
) -> M:
    """`data` (the value at `base` of a file with `marks`) as a `model`, or PolicyError with a
    positioned finding for every problem. `context` is passed to the model's validators (what a
    value is checked against: the known rule ids, the file's folder). `marks` may be a function
    giving them: a reader that does not keep positions works them out only when it must report."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        at = marks() if callable(marks) else marks
        raise PolicyError(findings(exc, file, at, codes, model, base)) from None


_EXPLAINED = "field_value"


def invalid(
    message: str, *, rule: Rule | None = None, hint: str = "", of_field: bool = True, at_value: bool = False
) -> PydanticCustomError:
    """The error a model's validator raises for a value it explains itself: reported as
    `'field' message` ('date' must be a date (2018-03-01), not '2018-13-01'), or as `message`
    alone when not `of_field`, under `rule` (default: the format's rule for invalid values).
    A finding points at the field's key; `at_value` points it at the value written after it."""
    ctx = {"message": message, "rule": rule, "hint": hint, "of_field": of_field, "at_value": at_value}
    return PydanticCustomError(_EXPLAINED, "{message}", ctx)


def findings(
    exc: ValidationError,
    file: str,
    marks: Positions,
    codes: Codes,
    model: type[BaseModel] | tuple[type[BaseModel], ...] = (),
    base: YamlPath = (),
    cells: bool = False,
) -> list[Finding]:
    """Pydantic errors as findings of `codes` at their positions in `marks` (of a value validated
    at `base` inside its document); an unknown field is matched against the fields of `model`.
    With `cells`, the marks are those of the values themselves (a CSV row's cells), not of keys
    the values follow: an error about a value is at its mark."""
    out = []
    suggested = 0
    for err in exc.errors(include_url=False):
        # "[key]" is pydantic's mark of an error in a mapping's key: the key's own mark is the place
        raw = [p for p in err["loc"] if isinstance(p, str | int) and p != "[key]"]
        tags = {k for k, p in enumerate(raw) if p in _UNION_TAGS and k and isinstance(raw[k - 1], int)}
        loc = (*base, *(p for k, p in enumerate(raw) if k not in tags))
        line, col = SourceInfo(file, marks).locate(loc)
        at = Location(file, line, col, path_str(loc))
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            suggested += 1
            pool = field_names(*(model if isinstance(model, tuple) else (model,)))
            near = difflib.get_close_matches(key, pool, n=1) if suggested <= _MAX_SUGGESTIONS else []
            hint = f"did you mean '{near[0]}'?" if near else f"remove it; {codes.see}"
            out.append(codes.unknown.finding(at, f"unknown field '{key}'", hint=hint))
        elif kind == "missing":
            out.append(codes.missing.finding(at, f"missing required field '{loc[-1]}'", hint="add it"))
        else:
            out.append(_invalid(err, loc, at, codes, cells))
    return out


def _invalid(err: Any, loc: YamlPath, at: Location, codes: Codes, cells: bool = False) -> Finding:
    kind, msg, value = err["type"], str(err["msg"]), err.get("input")
    field = str(loc[-1]) if loc else ""
    if kind == "value_error" and codes.expression is not None and field in _EXPRESSION_FIELDS:
        msg = msg.removeprefix("Value error, ")
        # point at the bad token: `key: value` puts the value len(key) + 2 after the key
        token = re.match(r"column (\d+):", msg)
        return codes.expression.finding(
            _at_value(at, field, int(token.group(1)) - 1) if token else at,
            f"bad expression: {msg}",
            hint="see docs/computable.md for the expression language",
        )
    if kind == "string_type" and _colon_read_as_key(value):
        return codes.invalid.finding(
            at,
            "a text ending in ':' was read by YAML as a key with an empty value",
            hint="put the text in quotes, as it is received: - '全文如下:'",
        )
    if kind == "enum" and labels.vocabulary_hint(field):
        return _vocabulary_error(codes.invalid, field, value, at)
    if kind in _SHAPE_ERRORS:
        return codes.shape.finding(at, f"{_noun(kind)} expected, not {_what(value)}", hint=codes.see)
    if kind == _EXPLAINED:  # a validator's own message and rule (see `invalid`)
        ctx = err.get("ctx") or {}
        text = f"'{field}' {ctx['message']}" if ctx.get("of_field") else str(ctx["message"])
        where = _at_value(at, field) if ctx.get("at_value") and field and not cells else at
        rule = ctx.get("rule") or codes.invalid
        return rule.finding(where, text, hint=ctx.get("hint") or "fix the value")
    shown = f" {_show(value)}" if _scalar(value) else ""
    return codes.invalid.finding(at, f"invalid value{shown}: {msg}", hint=codes.see)


_EXPRESSION_FIELDS = frozenset({"applies", "require", "score", "forbid"})


def _at_value(at: Location, key: str, offset: int = 0) -> Location:
    """The position `offset` characters into the value of `key: value`, from the key's position.

    Marks keep a key's position only (where a value's errors point, a missing child's too), so
    the value is placed as it is written in every input and example: after the key, a colon and
    one space, on the key's line."""
    return Location(at.file, at.line, at.column + len(key) + 2 + offset, at.path)


def _noun(kind: str) -> str:
    return {"list_type": "a list", "tuple_type": "a list"}.get(kind, "a mapping")


def _what(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return _show(value)


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool) or hasattr(value, "isoformat")


def _show(value: object) -> str:
    """A value as written, cut short: '2018年', True, 12."""
    text = repr(value.isoformat() if hasattr(value, "isoformat") else value)
    return text if len(text) <= _SHOWN else f"{text[:20]}…({len(text):,} characters)"


def _colon_read_as_key(value: object) -> bool:
    """`- 全文如下:` is YAML for a mapping {全文如下: null}, not the text."""
    return isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None


def _vocabulary_error(rule: Rule, field: str, written: object, at: Location) -> Finding:
    """A controlled-vocabulary field given a value it does not know; one written in Chinese
    (modality: 应当) is named with the value it means."""
    meant = labels.value_for(field, written)
    if meant is not None:
        value, zh = meant
        return rule.finding(
            at,
            f"{field} takes the English value: '{written}' reads as `{value}`",
            hint=f"write {field}: {value}  # {zh}",
        )
    return rule.finding(
        at,
        f"'{written}' is not one of the values of {field}",
        hint=f"use one of {labels.vocabulary_hint(field)}",
    )


@functools.cache
def field_names(*models: type[BaseModel]) -> list[str]:
    """Every field name (as written: the alias) of `models` and of the models they contain."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(models)
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(info.alias or name)
            todo += _models_in(info.annotation)
    return sorted(names)


def _models_in(annotation: object) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


__all__ = ["Codes", "field_names", "findings", "invalid", "validate"]
