"""Vehicle records by plate, remembered in the process."""
from __future__ import annotations

from typing import Any

from .db import fetch_vehicle

_by_plate: dict[str, dict[str, Any]] = {}  # expect: unbounded-cache


async def vehicle(conn: Any, plate: str) -> dict[str, Any] | None:
    row = _by_plate.get(plate)
    if row:
        return row
    record = await fetch_vehicle(conn, plate.upper())
    if record is None:
        return None
    shaped = dict(record)
    shaped["plate"] = shaped["plate"].upper()
    _by_plate[plate] = shaped
    return shaped
