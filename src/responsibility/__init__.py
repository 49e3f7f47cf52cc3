"""Rules as code for China's poverty alleviation responsibility system (脱贫攻坚责任制).

>>> import responsibility
>>> ps = responsibility.load()            # the policies shipped with the package
>>> ps.regulation("central").title.zh
'脱贫攻坚责任制实施办法'
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when first asked for (below): `responsibility --version` needs none of it
    from responsibility.core.errors import Diagnostic, LookupFailure, PolicyError
    from responsibility.policy.loader import load, load_shipped, shipped_root
    from responsibility.policy.policyset import DutyEntry, PolicySet, ProvisionEntry

# Where each public name lives. Importing the package imports none of them: the command line
# answers a repeated `validate` from its result cache without pydantic (cli/results.py).
_PUBLIC = {
    "Diagnostic": "responsibility.core.errors",
    "LookupFailure": "responsibility.core.errors",
    "PolicyError": "responsibility.core.errors",
    "load": "responsibility.policy.loader",
    "load_shipped": "responsibility.policy.loader",
    "shipped_root": "responsibility.policy.loader",
    "DutyEntry": "responsibility.policy.policyset",
    "PolicySet": "responsibility.policy.policyset",
    "ProvisionEntry": "responsibility.policy.policyset",
}


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'responsibility' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])


__all__ = [
    "Diagnostic",
    "DutyEntry",
    "LookupFailure",
    "PolicyError",
    "PolicySet",
    "ProvisionEntry",
    "__version__",
    "load",
    "load_shipped",
    "shipped_root",
]
