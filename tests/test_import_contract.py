"""No module imports from a layer above its own (the layering the README's Layout states).

core ← policy ← semantics ← graph/computable ← checks ← site/cli, one subpackage per layer.
Every import counts, including those inside functions and under TYPE_CHECKING: a lower layer
that needs an upper one's value takes it as an argument.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "responsibility"

# Layer of each top-level module (or package) of src/responsibility, lowest first.
LAYERS: list[set[str]] = [
    # 0: core: the one problem type, rule codes, the expression language, helpers with no policy knowledge
    {"core"},
    # 1: policy: the model, reading YAML with positions, loading, references, the policy set, labels
    {"policy", "__init__"},
    # 2: the one answer to each domain question
    {"semantics"},
    # 3: the graph and the questions asked of it; computable rules and their scenarios
    {"graph", "computable", "queries"},
    # 4: the checker: rules, evidence, waivers, reporters; registers checked in bulk
    {"checks", "registers"},
    # 5: faces
    {"site", "cli", "__main__"},
]
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}


def _top(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 else rel.stem


def _imported(path: Path) -> set[str]:
    """Top-level responsibility modules `path` imports (absolute or relative)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = path.relative_to(SRC).parent.parts  # where `.` points
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "responsibility" and len(parts) > 1:
                    out.add(parts[1])
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] != "responsibility":
                    continue
                rest = parts[1:]
            else:
                base = package[: len(package) - (node.level - 1)]
                rest = [*base, *(node.module.split(".") if node.module else [])]
            if rest:
                out.add(rest[0])
            else:  # `from . import x` at the top of the package
                out.update(alias.name for alias in node.names)
    return out


MODULES = sorted(p for p in SRC.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    assert {_top(p) for p in MODULES} <= set(LAYER)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_from_a_layer_above(path: Path) -> None:
    own = LAYER[_top(path)]
    above = sorted(m for m in _imported(path) if m in LAYER and LAYER[m] > own)
    assert not above, f"{path.relative_to(SRC)} (layer {own}) imports {above} from above"
