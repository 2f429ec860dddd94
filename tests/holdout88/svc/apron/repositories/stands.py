from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from apron.models import Flight, Stand, StandAllocation
from apron.utils.timeutil import day_bounds


class StandRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, stand_id: int) -> Stand | None:
        return await self._session.get(Stand, stand_id)

    async def stands_for(self, airport: str, size_class: str | None = None) -> Sequence[Stand]:
        stmt = select(Stand).where(Stand.airport == airport)
        if size_class:
            stmt = stmt.where(Stand.size_class >= size_class)
        return (await self._session.scalars(stmt.order_by(Stand.contact.desc(), Stand.code))).all()

    async def lock_stand(self, stand_id: int) -> Stand | None:
        stmt = select(Stand).where(Stand.id == stand_id).with_for_update()
        return (await self._session.scalars(stmt)).first()

    async def conflicting(
        self, stand_id: int, on_block: datetime, off_block: datetime, exclude_flight: int | None = None
    ) -> Sequence[StandAllocation]:
        stmt = select(StandAllocation).where(
            StandAllocation.stand_id == stand_id,
            StandAllocation.on_block < off_block,
            StandAllocation.off_block > on_block,
        )
        if exclude_flight is not None:
            stmt = stmt.where(StandAllocation.flight_id != exclude_flight)
        return (await self._session.scalars(stmt)).all()

    async def stand_is_free(self, stand_id: int, on_block: datetime, off_block: datetime) -> bool:
        return not await self.conflicting(stand_id, on_block, off_block)

    async def create_allocation(
        self, stand_id: int, flight_id: int, on_block: datetime, off_block: datetime, by: str = "system"
    ) -> StandAllocation:
        alloc = StandAllocation(
            stand_id=stand_id, flight_id=flight_id, on_block=on_block, off_block=off_block, allocated_by=by
        )
        self._session.add(alloc)
        await self._session.flush()
        return alloc

    async def release_flight(self, flight_id: int) -> None:
        await self._session.execute(delete(StandAllocation).where(StandAllocation.flight_id == flight_id))

    async def allocation_for_flight(self, flight_id: int) -> StandAllocation | None:
        stmt = select(StandAllocation).where(StandAllocation.flight_id == flight_id)
        return (await self._session.scalars(stmt)).first()

    async def allocations_for_day(self, airport: str, day: date) -> Sequence[tuple[StandAllocation, Stand, Flight]]:
        start, end = day_bounds(day)
        stmt = (
            select(StandAllocation, Stand, Flight)
            .join(Stand, Stand.id == StandAllocation.stand_id)
            .join(Flight, Flight.id == StandAllocation.flight_id)
            .where(Stand.airport == airport, StandAllocation.on_block < end, StandAllocation.off_block > start)
            .order_by(StandAllocation.on_block)
        )
        return (await self._session.execute(stmt)).tuples().all()
