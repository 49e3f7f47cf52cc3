"""A command that needs an optional extra says how to install it from a checkout: the project is
not on PyPI, so `pip install 'responsibility[docs]'` alone points a user at nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Each command runs in a fresh interpreter in which its extra's module cannot be imported.
CASES = {
    "docs": ("mkdocs", ["docs", "build", "--policies", "{fx}/parent", "--policies", "{fx}/base", "-d", "{tmp}/site"]),
    "registers": ("duckdb", ["registers", "check", "{tmp}/none.csv", "--rules", "x"]),
}


def _run_without(module: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        f"sys.modules[{module!r}] = None  # importing it now fails, as when it is not installed\n"
        "from responsibility.cli.main import main\n"
        f"sys.exit(main({args!r}))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.mark.parametrize("extra", sorted(CASES))
def test_a_missing_extra_names_the_checkout_install(extra: str, tmp_path: Path) -> None:
    module, args = CASES[extra]
    done = _run_without(module, [a.format(tmp=tmp_path, fx="tests/fixtures/check") for a in args])
    assert done.returncode == 2, done.stderr
    assert f"pip install '.[{extra}]' in the project's folder" in done.stderr
    assert f"'responsibility[{extra}]' from a package index that has it" in done.stderr
