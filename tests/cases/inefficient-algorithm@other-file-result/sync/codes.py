"""Door-code helpers shared by the sync jobs."""
from __future__ import annotations


def split_codes(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]
