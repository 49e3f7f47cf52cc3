"""JSON Schema of policy files, generated from the pydantic models.

The committed copies under ``policies/schema/`` are what editors use through the
``# yaml-language-server: $schema=…`` line at the top of every policy file; a test keeps them
equal to what the models generate.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from responsibility.policy.model import Catalogue, Regulation, RuleSet

SCHEMAS: dict[str, type[BaseModel]] = {"regulation": Regulation, "catalogue": Catalogue, "rules": RuleSet}
BASE_URI = "https://responsibility.example/schema/"


def schema_for(kind: str) -> dict[str, Any]:
    schema = SCHEMAS[kind].model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}{kind}.schema.json",
        **schema,
    }
