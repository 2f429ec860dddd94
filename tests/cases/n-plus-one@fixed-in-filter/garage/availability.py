"""Free bays and permit checks at the gate."""
from __future__ import annotations

from datetime import datetime

from garage.models import Bay
from garage.repository import PermitRepository, ReservationRepository


class Availability:
    def __init__(self, reservations: ReservationRepository, permits: PermitRepository) -> None:
        self.reservations = reservations
        self.permits = permits

    async def free_bays(self, bays: list[Bay], start: datetime, end: datetime) -> list[Bay]:
        free = []
        for bay in bays:
            clashes = await self.reservations.clashing(bay.id, start, end)  # expect: n-plus-one
            if not clashes:
                free.append(bay)
        return free

    async def free_bays_batched(self, bays: list[Bay], start: datetime, end: datetime) -> list[Bay]:
        taken = {r.bay_id for r in await self.reservations.clashing_any([b.id for b in bays], start, end)}
        return [bay for bay in bays if bay.id not in taken]

    async def gate_check(self, plates: list[str]) -> dict[str, bool]:
        allowed = {}
        for plate in plates:
            allowed[plate] = await self.permits.valid_for(plate) is not None  # expect: n-plus-one
        return allowed

    async def gate_check_batched(self, plates: list[str]) -> dict[str, bool]:
        valid = {p.plate for p in await self.permits.valid_for_plates(plates)}
        return {plate: plate in valid for plate in plates}
