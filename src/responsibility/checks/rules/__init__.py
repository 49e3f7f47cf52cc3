"""One module per rule; each module docstring is the rule's documentation.

``REGISTRY`` lists every rule module explicitly (as yamllint's ``_RULES``): a module that is not
listed here is not a rule, and a test asserts that every module of this package is listed. Rules
with a ``check`` are also listed in ``CHECKED``, typed by :class:`CheckedRule` so that a type
checker sees a misspelt or mis-typed ``check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from responsibility.core.errors import Finding, Rule

from . import (
    c001_missing_implementation,
    c002_wrong_level,
    c003_owner_changed,
    c004_weaker_modality,
    c005_weaker_frequency,
    c006_dropped_artefact,
    c007_parent_outside_library,
    c008_draft,
    c009_unanchored_duty,
    e001_yaml_syntax,
    e002_duplicate_key,
    e003_forbidden_tag,
    e004_yaml_alias,
    e005_invalid_utf8,
    e006_empty_file,
    e007_file_too_large,
    e008_path_escapes_root,
    e009_unreadable_file,
    e010_unknown_field,
    e011_invalid_value,
    e012_missing_field,
    e013_toml_syntax,
    e020_duplicate_id,
    e021_dangling_reference,
    e022_quote_not_in_text,
    e023_provision_without_duty,
    e024_local_addition_implements,
    e025_regulation_implements_cycle,
    e026_duty_implements_cycle,
    e027_place_hierarchy_cycle,
    e028_composite_member_cycle,
    e030_bad_expression,
    e040_text_not_in_source,
    e041_source_missing,
    f001_facts_shape,
    f002_facts_missing_field,
    f003_facts_invalid_value,
    f004_facts_unknown_field,
    f005_facts_duplicate_row,
    f006_register_unreadable,
    f007_register_missing_column,
    f008_register_invalid_value,
    f009_register_duplicate_id,
    g001_reports_to_cycle,
    g002_unowned_duty,
    g003_unaccountable_owner,
    g004_downward_implements,
    r001_rule_violated,
    r002_rule_undetermined,
    r003_rule_entitlement,
    s001_scenario_shape,
    s002_scenario_unknown_field,
    s003_scenario_invalid_value,
    s004_scenario_facts_file_missing,
    s005_scenario_checks_nothing,
    s006_scenario_unknown_rule,
    v001_artefact_missing,
    v002_artefact_late,
    v003_wrong_counterparty,
    v004_file_missing,
    v005_hash_mismatch,
    v006_evidence_path_escapes,
    v007_invalid_inventory_entry,
    w001_expired_waiver,
    w002_invalid_waiver,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ConformanceContext


class RuleModule(Protocol):
    """A rule module: its rule (code, name, severity, category) and its docstring."""

    RULE: Rule
    __doc__: str | None


class CheckedRule(RuleModule, Protocol):
    """A rule module with a check over the regulation being checked."""

    def check(self, ctx: ConformanceContext) -> Iterable[Finding]: ...


CHECKED: tuple[CheckedRule, ...] = (
    c001_missing_implementation,
    c002_wrong_level,
    c003_owner_changed,
    c004_weaker_modality,
    c005_weaker_frequency,
    c006_dropped_artefact,
    c007_parent_outside_library,
    c008_draft,
    c009_unanchored_duty,
    g001_reports_to_cycle,
    g002_unowned_duty,
    g003_unaccountable_owner,
    g004_downward_implements,
)

# Rules raised elsewhere (by the reader, loader, evaluations, waiver files): metadata and docs.
DOCUMENTED: tuple[RuleModule, ...] = (
    e001_yaml_syntax,
    e002_duplicate_key,
    e003_forbidden_tag,
    e004_yaml_alias,
    e005_invalid_utf8,
    e006_empty_file,
    e007_file_too_large,
    e008_path_escapes_root,
    e009_unreadable_file,
    e010_unknown_field,
    e011_invalid_value,
    e012_missing_field,
    e013_toml_syntax,
    e020_duplicate_id,
    e021_dangling_reference,
    e022_quote_not_in_text,
    e023_provision_without_duty,
    e024_local_addition_implements,
    e025_regulation_implements_cycle,
    e026_duty_implements_cycle,
    e027_place_hierarchy_cycle,
    e028_composite_member_cycle,
    e030_bad_expression,
    e040_text_not_in_source,
    e041_source_missing,
    f001_facts_shape,
    f002_facts_missing_field,
    f003_facts_invalid_value,
    f004_facts_unknown_field,
    f005_facts_duplicate_row,
    f006_register_unreadable,
    f007_register_missing_column,
    f008_register_invalid_value,
    f009_register_duplicate_id,
    r001_rule_violated,
    r002_rule_undetermined,
    r003_rule_entitlement,
    s001_scenario_shape,
    s002_scenario_unknown_field,
    s003_scenario_invalid_value,
    s004_scenario_facts_file_missing,
    s005_scenario_checks_nothing,
    s006_scenario_unknown_rule,
    v001_artefact_missing,
    v002_artefact_late,
    v003_wrong_counterparty,
    v004_file_missing,
    v005_hash_mismatch,
    v006_evidence_path_escapes,
    v007_invalid_inventory_entry,
    w001_expired_waiver,
    w002_invalid_waiver,
)

REGISTRY: tuple[RuleModule, ...] = (*CHECKED, *DOCUMENTED)
