"""Load policy files into a validated :class:`~responsibility.policyset.PolicySet`.

Loading has three stages, and every stage collects all of its problems before raising one
:class:`~responsibility.errors.PolicyError`:

1. read: size limit, UTF-8, safe YAML with positions (:mod:`responsibility.yamlfile`);
2. shape: each document against the pydantic models (unknown fields, wrong types);
3. references: every id a document names resolves, quotes are in their provisions, every
   provision has a duty or says why not (:mod:`responsibility.references`).

A policy set is composed from several roots: the policies shipped with the package and any
number of user directories or files. A user file whose regulation (or catalogue) id is also
shipped replaces the shipped one, so a county can check its own edited copy.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model
from .errors import Diagnostic, PolicyError
from .model import Catalogue, Regulation, RuleSet
from .policyset import PolicySet, SourceInfo
from .references import check_references
from .yamlfile import Marks, load_text, path_str, read_text

POLICY_SUFFIXES = (".yaml", ".yml")
# Documents of these kinds live beside policies but are read by their own modules.
_TOP_KIND = re.compile(r"^kind:[ \t]*([\w-]+)[ \t]*(?:#.*)?$", re.M)
OTHER_KINDS = frozenset({"scenarios", "facts", "evidence", "waivers"})
# pydantic puts the tag of a discriminated union in an error's location; documents do not have it.
_UNION_TAGS = frozenset({"condition", "ranking", "streak", "event", "procedure"})
Document = Regulation | Catalogue | RuleSet


def shipped_root() -> Path:
    """The policies directory shipped in the wheel (or the checkout's, in a source tree)."""
    packaged = importlib.resources.files("responsibility").joinpath("policies")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "policies"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the shipped policies are missing from this installation")


@dataclass
class _Doc:
    file: Path
    display: str
    data: dict[str, Any]
    marks: Marks
    shipped: bool


def display_name(path: Path) -> str:
    """A path relative to the working directory where it is below it, so output is portable."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Policy files under `root`, sorted; files that resolve outside it are refused unread."""
    if not root.is_dir():
        if os.path.lexists(root):  # a file, or a FIFO, device or broken link the reader refuses
            return [root], []
        return [], [Diagnostic(display_name(root), 1, 1, "E009", "no such file or directory")]
    base = root.resolve()
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fn in sorted(filenames):
            if not fn.endswith(POLICY_SUFFIXES):
                continue
            p = Path(dirpath) / fn
            real = _resolve(p)
            if real is None:
                problems.append(
                    Diagnostic(
                        display_name(p),
                        1,
                        1,
                        "E009",
                        "cannot read: a symlink loop",
                        hint="make the link point at a file",
                    )
                )
                continue
            if not real.is_relative_to(base):
                problems.append(
                    Diagnostic(
                        display_name(p),
                        1,
                        1,
                        "E008",
                        f"path resolves outside its root {display_name(root)}; not read",
                        "replace the symlink with the file itself",
                    )
                )
                continue
            files.append(p)
    return files, problems


def _resolve(path: Path) -> Path | None:
    """The real path, or None for a symlink loop (Path.resolve raises RuntimeError on one)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def read_document(path: Path, shipped: bool = False) -> _Doc:
    """One file read as plain data with marks; raises PolicyError for unreadable input."""
    name = display_name(path)
    text = read_text(path, name)
    top_kind = _TOP_KIND.search(text)
    if top_kind and top_kind.group(1) in OTHER_KINDS:  # read by their own modules, not parsed twice
        return _Doc(path, name, {"kind": top_kind.group(1)}, {}, shipped)
    data, marks = load_text(text, name)
    if not isinstance(data, dict):
        raise PolicyError(
            [
                Diagnostic(
                    name,
                    1,
                    1,
                    "E010",
                    "a policy file must be a mapping",
                    "start with 'kind: regulation' and 'id: ...'",
                )
            ]
        )
    return _Doc(path, name, data, marks, shipped)


@functools.cache
def _all_fields() -> list[str]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            names |= {f.alias or n for n, f in obj.model_fields.items()}
    return sorted(names)


def shape_errors(exc: ValidationError, doc: _Doc) -> list[Diagnostic]:
    """Pydantic errors as positioned diagnostics with a fix."""
    src = SourceInfo(doc.display, doc.marks)
    out = []
    suggested = 0  # difflib costs ~1 ms a key: suggest for the first few, list the rest plainly
    for err in exc.errors(include_url=False):
        raw = [p for p in err["loc"] if isinstance(p, str | int)]
        loc = tuple(
            p for k, p in enumerate(raw) if not (p in _UNION_TAGS and k and isinstance(raw[k - 1], int))
        )
        line, col = src.locate(loc)
        kind = err["type"]
        where = path_str(loc)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            suggested += 1
            near = difflib.get_close_matches(key, _all_fields(), n=1) if suggested <= _MAX_SUGGESTIONS else []
            hint = f"did you mean '{near[0]}'?" if near else "remove it; see `responsibility schema`"
            out.append(Diagnostic(doc.display, line, col, "E010", f"unknown field '{key}'", where, hint))
        elif kind == "missing":
            out.append(
                Diagnostic(
                    doc.display, line, col, "E012", f"missing required field '{loc[-1]}'", where, "add it"
                )
            )
        elif kind == "value_error" and loc and loc[-1] in _EXPRESSION_FIELDS:
            msg = str(err["msg"]).removeprefix("Value error, ")
            # point at the bad token: `key: value` puts the value len(key) + 2 after the key
            at = re.match(r"column (\d+):", msg)
            if at is not None:
                col += len(str(loc[-1])) + 2 + int(at.group(1)) - 1
            out.append(
                Diagnostic(
                    doc.display,
                    line,
                    col,
                    "E030",
                    f"bad expression: {msg}",
                    where,
                    "see docs/computable.md for the expression language",
                )
            )
        else:
            out.append(
                Diagnostic(
                    doc.display,
                    line,
                    col,
                    "E011",
                    f"invalid value: {err['msg']}",
                    where,
                    "see `responsibility schema` for the allowed values",
                )
            )
    return out


_EXPRESSION_FIELDS = frozenset({"applies", "require", "score", "forbid"})
_MAX_SUGGESTIONS = 50


def _parse(doc: _Doc) -> Document | None:
    kind = doc.data.get("kind", "regulation")
    if isinstance(kind, str) and kind in OTHER_KINDS:
        return None
    cls: type[Regulation] | type[Catalogue] | type[RuleSet]
    if kind == "catalogue":
        cls = Catalogue
    elif kind == "rules":
        cls = RuleSet
    elif kind == "regulation":
        cls = Regulation
    else:
        line, col = doc.marks.get(("kind",), (1, 1))
        raise PolicyError(
            [
                Diagnostic(
                    doc.display,
                    line,
                    col,
                    "E011",
                    f"unknown kind '{kind}'",
                    "kind",
                    "use 'regulation', 'catalogue' or 'rules'",
                )
            ]
        )
    try:
        return cls.model_validate(doc.data)
    except ValidationError as exc:
        raise PolicyError(shape_errors(exc, doc)) from None


def load(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    include_shipped: bool = True,
) -> PolicySet:
    """Load and validate a policy set: the shipped policies (unless excluded) plus `paths`.

    Raises :class:`PolicyError` with every problem found.
    """
    roots: list[tuple[Path, bool]] = []
    if include_shipped:
        roots.append((shipped_root(), True))
    roots += [(Path(p), False) for p in paths]
    docs, problems = _read_roots(roots)
    parsed: list[tuple[_Doc, Document]] = []
    for doc in docs:
        try:
            obj = _parse(doc)
        except PolicyError as exc:
            problems += exc.diagnostics
            continue
        if obj is not None:
            parsed.append((doc, obj))
    # Reference checks run even when some files failed, so one run reports everything.
    try:
        policy_set = _compose(_override(parsed))
    except PolicyError as exc:
        problems += exc.diagnostics
    if problems:
        raise PolicyError(problems)
    return policy_set


def _read_roots(roots: Iterable[tuple[Path, bool]]) -> tuple[list[_Doc], list[Diagnostic]]:
    docs: list[_Doc] = []
    problems: list[Diagnostic] = []
    seen: set[Path] = set()
    for root, shipped in roots:
        files, found = discover(root)
        problems += found
        for f in files:
            real = _resolve(f) or f
            if real in seen:  # the same file reached through two roots (a checkout's policies/)
                continue
            seen.add(real)
            try:
                docs.append(read_document(f, shipped))
            except PolicyError as exc:
                problems += exc.diagnostics
            except OSError as exc:
                problems.append(Diagnostic(display_name(f), 1, 1, "E009", f"cannot read: {exc.strerror}"))
    return docs, problems


def _override(parsed: list[tuple[_Doc, Document]]) -> list[tuple[_Doc, Document]]:
    """Drop shipped documents that a user document replaces (same kind and id)."""
    user_keys = {(obj.kind, obj.id) for doc, obj in parsed if not doc.shipped}
    return [(d, o) for d, o in parsed if not d.shipped or (o.kind, o.id) not in user_keys]


def source_key(obj: Document) -> str:
    if isinstance(obj, RuleSet):
        return f"rules:{obj.id}"
    return obj.id if isinstance(obj, Regulation) else f"catalogue:{obj.id}"


def _compose(parsed: list[tuple[_Doc, Document]]) -> PolicySet:
    problems = check_references([(SourceInfo(d.display, d.marks), o) for d, o in parsed])
    sources = {source_key(o): SourceInfo(d.display, d.marks, str(d.file.resolve())) for d, o in parsed}
    regs = [o for _, o in parsed if isinstance(o, Regulation)]
    cats = [o for _, o in parsed if isinstance(o, Catalogue)]
    if problems:
        raise PolicyError(problems)
    return PolicySet(
        regs,
        [a for c in cats for a in c.actors] + [a for r in regs for a in r.actors],
        [p for c in cats for p in c.places] + [p for r in regs for p in r.places],
        [a for c in cats for a in c.artefact_kinds],
        [t for c in cats for t in c.topics],
        sources,
        rulesets=[o for _, o in parsed if isinstance(o, RuleSet)],
    )


def load_shipped() -> PolicySet:
    """The policies shipped with the package."""
    return load()
