"""Deprecated: use `responsibility.graph.queries`.

Kept so that `from responsibility.queries import who, owes, chain, trace` goes on working; it
warns once per import.
"""

import warnings

from responsibility.graph.queries import *  # noqa: F403
from responsibility.graph.queries import __all__ as __all__

warnings.warn(
    "responsibility.queries moved to responsibility.graph.queries; the old name will be removed",
    DeprecationWarning,
    stacklevel=2,
)
