"""Layer 1: policies as data — the model, reading YAML with positions, loading, references.

`model` (the pydantic types), `yamlfile` (the one bounded, positioned reader), `loader`
(files → a checked `PolicySet`), `policyset`, `references`, `cycles`, `fidelity` (quotes against
the source text), `lookup` (what a person types → an id), `labels` (the one label table) and
`jsonschema` (the schemas editors validate against).
"""
