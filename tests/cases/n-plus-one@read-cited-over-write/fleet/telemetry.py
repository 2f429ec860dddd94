from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from fleet.models import Driver


async def sync_positions(http: httpx.AsyncClient, session: AsyncSession, trips: list) -> int:
    seen = 0
    for trip in trips:
        resp = await http.get(f"/positions/{trip.vehicle_id}")
        driver = await session.get(Driver, trip.driver_id)  # expect: n-plus-one
        seen += bool(resp.json() and driver)
    return seen
