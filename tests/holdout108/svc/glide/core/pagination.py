from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Cursor:
    started_at: datetime
    ride_id: str


def encode_cursor(cursor: Cursor) -> str:
    raw = json.dumps({"t": cursor.started_at.isoformat(), "id": cursor.ride_id})
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(value: str | None) -> Cursor | None:
    if not value:
        return None
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(value.encode()))
    return Cursor(started_at=datetime.fromisoformat(data["t"]), ride_id=data["id"])


def clamp_limit(value: str | None, default: int = 20, maximum: int = 100) -> int:
    try:
        limit = int(value) if value else default
    except ValueError:
        return default
    return max(1, min(limit, maximum))
