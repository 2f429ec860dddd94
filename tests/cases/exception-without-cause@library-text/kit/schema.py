"""Schema helpers used by the SDK (no HTTP here)."""
from __future__ import annotations

import json


class SchemaBuildError(Exception):
    pass


def build_schema(text: str) -> dict:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TypeError(str(exc))  # expect: exception-without-cause
