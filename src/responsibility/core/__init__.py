"""Layer 0: what every other layer uses and that knows nothing of policies.

The one problem type (`errors.Finding`, `errors.Location`), the rule codes (`codes`), the
expression language computable rules are written in (`expr`), whole-or-nothing writes
(`safewrite`), plain-text tables (`table`), plural-aware wording (`wording`) and the
content-keyed cache (`cache`).
"""
