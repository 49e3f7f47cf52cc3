"""Rules as code for China's poverty alleviation responsibility system (脱贫攻坚责任制).

>>> import responsibility
>>> ps = responsibility.load()            # the policies shipped with the package
>>> ps.regulation("central").title.zh
'脱贫攻坚责任制实施办法'
"""

from __future__ import annotations

__version__ = "0.1.0"

from responsibility.core.errors import Diagnostic, LookupFailure, PolicyError
from responsibility.policy.loader import load, load_shipped, shipped_root
from responsibility.policy.policyset import DutyEntry, PolicySet, ProvisionEntry

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
