"""English wording shared by every message: counts with the right plural ("1 duty", "2 duties")."""

from __future__ import annotations

# Plurals that are not the word + "s".
IRREGULAR = {"duty": "duties", "body": "bodies", "policy": "policies", "info": "info"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n word`, the word in the plural unless n is 1: plural(1, "duty") == "1 duty"."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {many or IRREGULAR.get(word, word + 's')}"


__all__ = ["plural"]
