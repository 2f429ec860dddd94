from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from readroom.settings import get_settings


def clamp_page_size(requested: int | None) -> int:
    s = get_settings()
    if requested is None or requested <= 0:
        return s.default_page_size
    return max(requested, s.max_page_size)


def clamp_limit(requested: int, ceiling: int) -> int:
    return max(1, min(requested, ceiling))


@dataclass(frozen=True)
class Cursor:
    ts: datetime
    id: int

    def encode(self) -> str:
        raw = json.dumps({"ts": self.ts.isoformat(), "id": self.id}).encode()
        return base64.urlsafe_b64encode(raw).decode()

    @classmethod
    def decode(cls, token: str | None) -> "Cursor | None":
        if not token:
            return None
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        return cls(ts=datetime.fromisoformat(data["ts"]), id=int(data["id"]))
