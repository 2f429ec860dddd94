from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


class EditCheckConfigError(Exception):
    pass


@dataclass(frozen=True)
class Rule:
    field_code: str
    kind: str  # required | range | pattern | codelist
    params: dict[str, Any] = field(default_factory=dict)
    message: str = ""


@dataclass(frozen=True)
class CheckFinding:
    field_code: str
    message: str


FORM_RULES: dict[str, tuple[Rule, ...]] = {
    "VS": (
        Rule("SYSBP", "range", {"low": 60, "high": 250}, "Systolic BP outside 60-250 mmHg"),
        Rule("DIABP", "range", {"low": 30, "high": 150}, "Diastolic BP outside 30-150 mmHg"),
        Rule("PULSE", "range", {"low": 30, "high": 220}, "Pulse outside 30-220 bpm"),
        Rule("VSDAT", "required", message="Assessment date is required"),
    ),
    "DM": (
        Rule("SEX", "codelist", {"codelist": "SEX"}, "Sex must be a controlled term"),
        Rule("BRTHYR", "pattern", {"regex": r"^(19|20)\d{2}$"}, "Birth year must have four digits"),
    ),
    "LB": (
        Rule("LBTEST", "codelist", {"codelist": "LBTESTCD"}, "Unknown lab test code"),
        Rule("LBORRES", "required", message="Result is required"),
    ),
}


@lru_cache(maxsize=128)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class EditCheckEngine:
    def __init__(self, codelists: dict[str, list[str]]) -> None:
        self._codelists = {name: frozenset(values) for name, values in codelists.items()}

    def rules_for(self, form_code: str) -> tuple[Rule, ...]:
        try:
            return FORM_RULES[form_code]
        except KeyError:
            raise EditCheckConfigError(f"no edit checks are defined for form {form_code}")

    def evaluate(self, form_code: str, values: dict[str, str | None]) -> list[CheckFinding]:
        findings = []
        for rule in self.rules_for(form_code):
            value = values.get(rule.field_code)
            if not self._passes(rule, value):
                findings.append(CheckFinding(rule.field_code, rule.message or f"{rule.field_code} failed {rule.kind}"))
        return findings

    def _passes(self, rule: Rule, value: str | None) -> bool:
        if value is None or value == "":
            return rule.kind != "required"
        if rule.kind == "range":
            try:
                number = float(value)
            except ValueError:
                return False
            return rule.params["low"] <= number <= rule.params["high"]
        if rule.kind == "pattern":
            return _compiled(rule.params["regex"]).match(value) is not None
        if rule.kind == "codelist":
            return value in self._codelists.get(rule.params["codelist"], frozenset())
        return True
