"""A form record that copies its fields itself, and a batch builder that copies a template per entry."""
from __future__ import annotations

import copy


class FormRecord(dict):
    def __copy__(self) -> "FormRecord":
        return FormRecord(self)

    def __deepcopy__(self, memo: dict) -> "FormRecord":
        copied = FormRecord()
        memo[id(self)] = copied
        for key, value in self.items():
            dict.__setitem__(copied, key, copy.deepcopy(value, memo))
        return copied


def build_batch(template: dict, recipients: list[str]) -> list[dict]:
    batch = []
    for recipient in recipients:
        entry = copy.deepcopy(template)  # expect: unnecessary-copy
        entry["to"] = recipient
        batch.append(entry)
    return batch
