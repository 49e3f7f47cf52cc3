"""The rules whose findings are raised below the checker, as constants the raisers import.

The YAML reader, loader, reference resolver, source-text comparison, facts and scenario readers,
evidence-manifest and waiver-file readers and the graph checks raise findings of these rules
directly (``E021.finding(location, message)``), so a misspelt code is an import error, not a
silent E011. Each rule's documentation is its module's docstring in
:mod:`responsibility.checks.rules` (which imports the constant as ``RULE``); the registry there
lists every rule.
"""

from __future__ import annotations

from responsibility.core.errors import Category, Rule, Severity

E001 = Rule("E001", "yaml-syntax", Severity.error, "the file is not well-formed YAML", Category.structural)

E002 = Rule("E002", "duplicate-key", Severity.error, "a mapping has the same key twice", Category.structural)

E003 = Rule(
    "E003", "forbidden-tag", Severity.error, "a YAML tag outside the core schema", Category.structural
)

E004 = Rule("E004", "yaml-alias", Severity.error, "an anchor, alias or merge key", Category.structural)

E005 = Rule("E005", "invalid-utf8", Severity.error, "the file is not valid UTF-8", Category.structural)

E006 = Rule(
    "E006", "empty-file", Severity.error, "the file is empty or holds only comments", Category.structural
)

E007 = Rule("E007", "file-too-large", Severity.error, "the file exceeds the size limit", Category.structural)

E008 = Rule(
    "E008",
    "path-escapes-root",
    Severity.error,
    "a policy file resolves outside its root",
    Category.structural,
)

E009 = Rule(
    "E009", "unreadable-file", Severity.error, "a file or directory cannot be read", Category.structural
)

E010 = Rule("E010", "unknown-field", Severity.error, "a field the schema does not know", Category.structural)

E011 = Rule(
    "E011", "invalid-value", Severity.error, "a value of the wrong type or vocabulary", Category.structural
)

E012 = Rule("E012", "missing-field", Severity.error, "a required field is missing", Category.structural)

E013 = Rule(
    "E013",
    "toml-syntax",
    Severity.error,
    "the configuration file is not well-formed TOML",
    Category.structural,
)

E020 = Rule("E020", "duplicate-id", Severity.error, "two things share an id", Category.structural)

E021 = Rule(
    "E021",
    "dangling-reference",
    Severity.error,
    "a reference to an id that does not exist",
    Category.structural,
)

E022 = Rule(
    "E022", "quote-not-in-text", Severity.error, "a duty's quote is not in its provision", Category.structural
)

E023 = Rule(
    "E023",
    "provision-without-duty",
    Severity.error,
    "a provision has no duty and no reason",
    Category.structural,
)

E024 = Rule(
    "E024",
    "local-addition-implements",
    Severity.error,
    "a local addition also implements a parent",
    Category.structural,
)

E025 = Rule(
    "E025",
    "regulation-implements-cycle",
    Severity.error,
    "regulations implement each other in a cycle",
    Category.structural,
)

E026 = Rule(
    "E026",
    "duty-implements-cycle",
    Severity.error,
    "duties implement each other in a cycle",
    Category.structural,
)

E027 = Rule(
    "E027",
    "place-hierarchy-cycle",
    Severity.error,
    "places contain each other in a cycle",
    Category.structural,
)

E028 = Rule(
    "E028",
    "composite-member-cycle",
    Severity.error,
    "a composite actor is its own member",
    Category.structural,
)

E040 = Rule(
    "E040",
    "text-not-in-source",
    Severity.error,
    "a provision's text differs from the regulation's source text",
    Category.structural,
)

E041 = Rule(
    "E041",
    "source-missing",
    Severity.error,
    "the regulation's source text file is missing or unreadable",
    Category.structural,
)

G001 = Rule(
    "G001", "reports-to-cycle", Severity.error, "bodies report to themselves through a cycle", Category.graph
)

G002 = Rule("G002", "unowned-duty", Severity.error, "a duty has no owner in the graph", Category.graph)

G003 = Rule(
    "G003",
    "unaccountable-owner",
    Severity.warning,
    "a body owns duties, but no text says to whom it answers",
    Category.graph,
)

G004 = Rule(
    "G004", "downward-implements", Severity.error, "an implements link points down a level", Category.graph
)

V006 = Rule(
    "V006",
    "evidence-path-escapes-root",
    Severity.error,
    "an artefact path escapes the inventory root",
    Category.evidence,
)

V007 = Rule(
    "V007",
    "invalid-inventory-entry",
    Severity.error,
    "a manifest entry is malformed",
    Category.evidence,
)

W001 = Rule("W001", "expired-waiver", Severity.error, "a waiver has expired", Category.waiver)

W002 = Rule("W002", "invalid-waiver", Severity.error, "a waiver is malformed", Category.waiver)

E030 = Rule(
    "E030",
    "bad-expression",
    Severity.error,
    "a computable rule's expression does not parse",
    Category.structural,
)

F001 = Rule(
    "F001",
    "facts-shape",
    Severity.error,
    "a facts file or row is not shaped as a facts table",
    Category.structural,
)

F002 = Rule(
    "F002", "facts-missing-field", Severity.error, "a facts row lacks a required field", Category.structural
)

F003 = Rule(
    "F003",
    "facts-invalid-value",
    Severity.error,
    "a facts value of the wrong type or vocabulary",
    Category.structural,
)

F004 = Rule(
    "F004",
    "facts-unknown-field",
    Severity.error,
    "a facts table, column or field not known",
    Category.structural,
)

F005 = Rule(
    "F005",
    "facts-duplicate-row",
    Severity.error,
    "two facts rows for the same place and year",
    Category.structural,
)

F006 = Rule(
    "F006",
    "register-unreadable",
    Severity.error,
    "a register file cannot be read, or its name does not say its table",
    Category.structural,
)

F007 = Rule(
    "F007",
    "register-missing-column",
    Severity.error,
    "a register table lacks a column the rules read",
    Category.structural,
)

F008 = Rule(
    "F008",
    "register-invalid-value",
    Severity.error,
    "a register value of the wrong type, or a required one empty",
    Category.structural,
)

F009 = Rule(
    "F009",
    "register-duplicate-id",
    Severity.error,
    "two rows of a register for the same case, household or village",
    Category.structural,
)

S001 = Rule(
    "S001",
    "scenario-shape",
    Severity.error,
    "a scenario file or entry is not shaped as a scenario",
    Category.structural,
)

S002 = Rule(
    "S002",
    "scenario-unknown-field",
    Severity.error,
    "a scenario field that is not known",
    Category.structural,
)

S003 = Rule(
    "S003",
    "scenario-invalid-value",
    Severity.error,
    "a scenario or expectation value missing or of the wrong kind",
    Category.structural,
)

S004 = Rule(
    "S004",
    "scenario-facts-file-missing",
    Severity.error,
    "a scenario names a facts file that does not exist",
    Category.structural,
)

S005 = Rule(
    "S005",
    "scenario-checks-nothing",
    Severity.error,
    "a scenario with no expectation and no rule list",
    Category.structural,
)

S006 = Rule(
    "S006",
    "scenario-unknown-rule",
    Severity.error,
    "a scenario names a computable rule that does not exist",
    Category.structural,
)
