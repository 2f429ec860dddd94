from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def season_key(season_id: int, mode: str) -> str:
    return f"lb:{season_id}:{mode}"
