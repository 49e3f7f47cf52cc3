"""CLI subcommands, one module each (discovered by :mod:`responsibility.cli`)."""
