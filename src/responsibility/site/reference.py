"""Reference pages generated from the code: the policy schema, the Python API, the commands.

Pure functions returning Markdown, so the reference cannot drift from the code it documents.
The project's own site adds them at build time (``docs/hooks/reference.py``).
"""

from __future__ import annotations

import argparse
import enum
import importlib
import inspect
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from responsibility.policy import model

# Modules whose public functions and classes form the Python API, in reading order.
API_MODULES = (
    "responsibility",
    "responsibility.policy.loader",
    "responsibility.policy.policyset",
    "responsibility.policy.lookup",
    "responsibility.semantics",
    "responsibility.policy.model",
    "responsibility.core.errors",
    "responsibility.graph.export",
    "responsibility.policy.references",
    "responsibility.policy.fidelity",
    "responsibility.core.table",
    "responsibility.core.safewrite",
    "responsibility.policy.jsonschema",
    "responsibility.site.pages",
    "responsibility.site.reference",
    "responsibility.graph.network",
    "responsibility.graph.queries",
    "responsibility.graph.responsibility_list",
    "responsibility.computable",
    "responsibility.checks",
)


def rst_to_md(doc: str) -> str:
    """The reST bits our docstrings use, as Markdown: ``code`` and :role:`~target`."""
    doc = re.sub(r":[a-z]+:`~?([^`]+)`", lambda m: f"`{m.group(1).split('.')[-1]}`", doc)
    return doc.replace("``", "`")


def _doc(obj: object) -> str:
    return rst_to_md(inspect.cleandoc(inspect.getdoc(obj) or ""))


def type_name(annotation: Any) -> str:
    """A readable type: `list[Owner]`, `Text | None`, `date`."""
    if annotation is type(None):
        return "null"
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return type_name(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(type_name(a) for a in typing.get_args(annotation))
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in typing.get_args(annotation))
    if origin is not None:
        args = ", ".join(type_name(a) for a in typing.get_args(annotation))
        return f"{getattr(origin, '__name__', str(origin))}[{args}]"
    return getattr(annotation, "__name__", str(annotation))


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def schema_page() -> str:
    """Every model of the policy schema with its fields, and every enumeration with its values."""
    lines = [
        "# Policy schema",
        "",
        "Generated from `responsibility.policy.model`. Every model forbids unknown fields. The same "
        "definitions are published as JSON Schema in `policies/schema/` "
        "(`responsibility schema --write policies/schema`).",
        "",
    ]
    models = [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__
    ]
    enums = [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == model.__name__
    ]
    lines += ["## Documents and their parts", ""]
    for cls in models:
        if cls.__name__ == "Strict":
            continue
        lines += [f"### {cls.__name__}", "", _doc(cls), ""]
        if not cls.model_fields:
            continue
        lines += ["| field | type | required | default | description |", "|---|---|---|---|---|"]
        for name, f in cls.model_fields.items():
            key = f.alias or name
            required = "yes" if f.is_required() else ""
            default = "" if f.is_required() else _default(f.default, f.default_factory)
            lines.append(
                f"| `{key}` | `{_cell(type_name(f.annotation))}` | {required} | {_cell(default)} "
                f"| {_cell(f.description or '')} |"
            )
        lines.append("")
    lines += ["## Enumerations", ""]
    for e in enums:
        values = ", ".join(f"`{m.value}`" for m in e)
        lines += [f"### {e.__name__}", "", _doc(e), "", values, ""]
    return "\n".join(lines)


def _default(value: Any, factory: Any) -> str:
    if factory is not None:
        return "`[]`" if factory is list else f"`{factory.__name__}()`"
    if isinstance(value, enum.Enum):
        return f"`{value.value}`"
    return f"`{value!r}`" if value is not None else "`null`"


def _public(mod: types.ModuleType) -> list[tuple[str, Any]]:
    names: Iterable[str] = getattr(mod, "__all__", None) or [n for n in vars(mod) if not n.startswith("_")]
    out = []
    for name in names:
        obj = getattr(mod, name, None)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        home = getattr(obj, "__module__", "")
        if mod.__name__ != "responsibility" and home != mod.__name__:
            continue  # imported from elsewhere: documented in its own module
        out.append((name, obj))
    return sorted(out, key=lambda x: x[0].lower())


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):  # pragma: no cover - builtins without signatures
        return "(...)"


def api_page(modules: Iterable[str] = API_MODULES) -> str:
    """Each module's docstring and its public functions and classes with signatures and docstrings."""
    lines = ["# Python API", "", "Generated from the docstrings of the installed package.", ""]
    for name in modules:
        mod = importlib.import_module(name)
        lines += [f"## `{name}`", "", _doc(mod), ""]
        for obj_name, obj in _public(mod):
            kind = "class" if inspect.isclass(obj) else "def"
            sig = "" if inspect.isclass(obj) and issubclass(obj, enum.Enum) else _signature(obj)
            if inspect.isclass(obj) and issubclass(obj, BaseModel):
                sig = ""
            lines += [f"### `{obj_name}`", "", "```python", f"{kind} {obj_name}{sig}", "```", ""]
            doc = _doc(obj)
            if doc:
                lines += [doc, ""]
            if inspect.isclass(obj) and not issubclass(obj, enum.Enum | BaseModel):
                for meth_name, meth in sorted(vars(obj).items()):
                    if meth_name.startswith("_") or not inspect.isfunction(meth):
                        continue
                    lines += [
                        f"- `{meth_name}{_signature(meth)}`"
                        + (f" — {_doc(meth).splitlines()[0]}" if _doc(meth) else "")
                    ]
                lines.append("")
    return "\n".join(lines)


def cli_page() -> str:
    """The help of `responsibility` and of every subcommand, as the parser prints it."""
    from responsibility.cli.main import build_parser, command_modules

    parser = build_parser()
    lines = [
        "# Commands",
        "",
        "Generated from the command-line parser.",
        "",
        "```text",
        parser.format_help().rstrip(),
        "```",
        "",
    ]
    sub = next(a for a in parser._actions if a.dest == "command")
    choices: dict[str, Any] = getattr(sub, "choices", {}) or {}
    for mod in command_modules():
        p = choices[mod.name]
        p.prog = f"responsibility {mod.name}"
        lines += [f"## `responsibility {mod.name}`", "", str(mod.help).capitalize() + ".", ""]
        lines += ["```text", p.format_help().rstrip(), "```", ""]
        for name, sp in _subparsers(p).items():
            sp.prog = f"responsibility {mod.name} {name}"
            lines += [f"### `responsibility {mod.name} {name}`", ""]
            lines += ["```text", sp.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    return dict(sub.choices) if sub is not None else {}


def _synopsis(parser: argparse.ArgumentParser) -> str:
    """The positional arguments as the parser names them: `REG_A REG_B`, `[PATH …]`."""
    words = []
    for a in parser._actions:
        if a.option_strings or isinstance(a, argparse._SubParsersAction) or a.help == argparse.SUPPRESS:
            continue
        name = a.metavar if isinstance(a.metavar, str) else a.dest.upper()
        words.append({"*": f"[{name} …]", "?": f"[{name}]", "+": f"{name} …"}.get(str(a.nargs), name))
    return " ".join(words)


def command_table() -> str:
    """Every command (and `docs build`, `docs serve`) with its arguments and what it does, as a
    Markdown table; docs/guide/cli.md holds it between the COMMAND_TABLE markers."""
    from responsibility.cli.main import build_parser, command_modules

    commands = _subparsers(build_parser())
    rows = ["| command | what it does |", "|---|---|"]
    for mod in command_modules():
        p = commands[mod.name]
        nested = _subparsers(p)
        helps = {a.dest: a.help for a in _subparser_actions(p)}
        if not nested:
            line = f"responsibility {mod.name} {_synopsis(p)}".strip()
            rows.append(f"| `{_cell(line)}` | {_cell(mod.help)} |")
        for name, sp in nested.items():
            line = f"responsibility {mod.name} {name} {_synopsis(sp)}".strip()
            rows.append(f"| `{_cell(line)}` | {_cell(helps.get(name) or '')} |")
    return "\n".join(rows) + "\n"


def _subparser_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    return list(sub._choices_actions) if sub is not None else []


COMMAND_TABLE = (
    "<!-- command table: generated from the parser (sitereference.command_table) -->",
    "<!-- end -->",
)


def sync_generated(text: str, markers: tuple[str, str], content: str) -> str:
    """`text` with what stands between the two marker lines replaced by `content`."""
    begin, end = markers
    head, rest = text.split(begin + "\n", 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{content}{end}{tail}"


def shipped_policies_table() -> str:
    """The regulations shipped with the package: folder, title, status, number of provisions, as
    a Markdown table; README.md holds it between the SHIPPED_TABLE markers."""
    from responsibility.policy.loader import load, shipped_root
    from responsibility.policy.model import walk_provisions

    ps = load()
    root = shipped_root().resolve()
    rows = ["| folder | regulation | status | provisions |", "|---|---|---|---|"]
    for reg in ps.regulations.values():
        origin = ps.sources[reg.id].origin if reg.id in ps.sources else None
        folder = Path(origin).resolve().parent.relative_to(root).as_posix() if origin else reg.id
        n = len(walk_provisions(reg))
        rows.append(f"| `policies/{folder}/` | {_cell(reg.title.zh)} | {reg.status.value} | {n} |")
    return "\n".join(rows) + "\n"


SHIPPED_TABLE = (
    "<!-- shipped policies: generated from the package (sitereference.shipped_policies_table) -->",
    "<!-- end -->",
)


def rules_page(rules_dir: Path) -> str | None:
    """An index of the rule pages in `rules_dir` (`CODE.md`, first heading as title), or None."""
    pages = sorted(rules_dir.glob("*.md")) if rules_dir.is_dir() else []
    pages = [p for p in pages if p.name != "index.md"]
    if not pages:
        return None
    lines = ["# Rule catalogue", "", "| rule | title |", "|---|---|"]
    for p in pages:
        first = next((ln for ln in p.read_text("utf-8").splitlines() if ln.startswith("# ")), f"# {p.stem}")
        lines.append(f"| [{p.stem}]({p.name}) | {_cell(first[2:].strip())} |")
    return "\n".join(lines) + "\n"


__all__ = [
    "COMMAND_TABLE",
    "SHIPPED_TABLE",
    "api_page",
    "cli_page",
    "command_table",
    "rules_page",
    "schema_page",
    "shipped_policies_table",
    "sync_generated",
    "type_name",
]
