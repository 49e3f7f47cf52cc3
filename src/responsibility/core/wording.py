"""English wording shared by every message: counts with the right plural ("1 duty", "2 duties")."""

from __future__ import annotations

import re

# Plurals that are not the word + "s".
IRREGULAR = {"duty": "duties", "body": "bodies", "policy": "policies", "info": "info"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n word`, the word in the plural unless n is 1: plural(1, "duty") == "1 duty"."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {many or IRREGULAR.get(word, word + 's')}"


# C0 and C1 control characters and the Unicode line and paragraph separators: any of them
# printed raw would break a finding's line in two or move the terminal's cursor.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with each control character escaped as Python writes it (a newline as `\\n`), so a
    value quoted in a message stays on its line; any other text is returned as it is."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def listing(n_word: str, many: str, items: list[str]) -> str:
    """`missing column: date` / `unknown columns: x, y` — a list as a person writes it."""
    return f"{n_word if len(items) == 1 else many}: {', '.join(items)}"


__all__ = ["listing", "plural", "printable"]
