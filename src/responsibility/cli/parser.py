"""The command line's parser: argparse's, with abbreviations off and an unknown option reported
by the command it was given to.

argparse leaves an option a command does not know to the top-level parser, which prints its own
usage (``usage: responsibility [-h] [--version] COMMAND ...``) and no suggestion; a command with a
required option reports that option missing first (``--regulaton central``: "the following
arguments are required: --regulation"). And it takes any unambiguous prefix of an option, so
``--no-cach`` was silently ``--no-cache``. Here each parser looks at its own arguments before
parsing them: an option it does not know is a usage error (exit 2) under its own usage line,
naming the option and the nearest it knows (``did you mean --evidence?``).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from typing import Any


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that takes only whole option names and names the ones it does not know.

    Every parser of the command line is one: the top level, each command, the option groups they
    share (as parents) and the actions of a command (`registers check`), since argparse makes a
    command's parser of its parent's class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False  # --no-cach is not --no-cache
        super().__init__(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        words = list(sys.argv[1:] if args is None else args)
        unknown = self.unknown_option(words)
        if unknown is not None:
            self.error(self._unknown_message(unknown))
        return super().parse_known_args(words, namespace)

    def unknown_option(self, words: Sequence[str]) -> str | None:
        """The first of `words` that is written as an option and is none of this parser's.

        A parser with commands (the top level, `registers`) looks only before the command's name:
        what follows is the command's to read. `--` ends the options; `-` and negative numbers
        are values, as argparse reads them."""
        has_commands = any(isinstance(a, argparse._SubParsersAction) for a in self._actions)
        for word in words:
            if word == "--":
                return None
            if not word.startswith("-") or word == "-" or self._negative_number_matcher.match(word):
                if has_commands:
                    return None
                continue
            if not self._known(word):
                return word
        return None

    def _known(self, word: str) -> bool:
        known = self._option_string_actions
        if word.startswith("--"):
            return word.split("=", 1)[0] in known  # --evidence=DIR
        return word in known or word[:2] in known  # -o FILE, -oFILE

    def _unknown_message(self, word: str) -> str:
        name = word.split("=", 1)[0]
        options = sorted({o for o in self._option_string_actions if o.startswith("--")})
        near = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
        hint = f"did you mean {near[0]}?" if near else f"see `{self.prog} --help` for the options"
        return f"unknown option {name}; {hint}"


def group() -> Parser:
    """An option group commands share, handed to argparse as a parent parser."""
    return Parser(add_help=False)
