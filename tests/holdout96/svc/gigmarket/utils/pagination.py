from __future__ import annotations

import base64
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Cursor:
    last_id: int
    last_created: str


def encode_cursor(cursor: Cursor) -> str:
    return base64.urlsafe_b64encode(json.dumps(cursor.__dict__).encode()).decode()


def decode_cursor(raw: str | None) -> Cursor | None:
    if not raw:
        return None
    data = json.loads(base64.urlsafe_b64decode(raw.encode()))
    return Cursor(last_id=int(data["last_id"]), last_created=data["last_created"])
