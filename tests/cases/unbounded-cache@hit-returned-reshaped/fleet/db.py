from __future__ import annotations

from typing import Any


async def fetch_vehicle(conn: Any, plate: str) -> dict[str, Any] | None:
    return await conn.fetchrow("SELECT * FROM vehicles WHERE plate = $1", plate)
