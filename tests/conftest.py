from __future__ import annotations

from pathlib import Path

import pytest

import responsibility
from responsibility.policyset import PolicySet

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def shipped() -> PolicySet:
    return responsibility.load()
