from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - optional speedup
    orjson = None


def _default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not serializable: {type(value).__name__}")


def dumps(value: Any) -> str:
    if orjson is not None:
        return orjson.dumps(value, default=_default).decode()
    return json.dumps(value, default=_default, separators=(",", ":"))


def loads(raw: str | bytes) -> Any:
    if orjson is not None:
        return orjson.loads(raw)
    return json.loads(raw)
