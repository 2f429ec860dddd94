"""The occupancy board: which bay each reservation of a time window holds."""
from __future__ import annotations

from datetime import datetime

from garage.repository import BayRepository


async def board(bays: BayRepository, start: datetime, end: datetime) -> list[tuple[str, int]]:
    rows = []
    for reservation in await bays.reservations_in_window(start, end):
        bay = await bays.get(reservation.bay_id)  # expect: n-plus-one
        rows.append((bay.label, reservation.id))
    return rows


async def audit(bays: BayRepository) -> int:
    total = 0
    async for batch in bays.reservation_batches():
        total += await bays.count_reservations([r.id for r in batch])
    return total
