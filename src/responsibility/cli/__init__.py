"""Layer 5 (a face): the `responsibility` command.

`main` parses the command line and dispatches to one module per command in `commands`.
"""
