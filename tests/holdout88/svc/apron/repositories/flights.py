from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from apron.models import Flight
from apron.utils.timeutil import day_bounds


class FlightRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, flight_id: int) -> Flight | None:
        return await self._session.get(Flight, flight_id)

    async def get_many(self, ids: Iterable[int]) -> dict[int, Flight]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self._session.scalars(select(Flight).where(Flight.id.in_(wanted)))
        return {flight.id: flight for flight in rows}

    async def list_for_day(self, airport: str, day: date) -> Sequence[Flight]:
        start, end = day_bounds(day)
        stmt = (
            select(Flight)
            .where(Flight.airport == airport, Flight.std >= start, Flight.std < end)
            .order_by(Flight.std)
        )
        return (await self._session.scalars(stmt)).all()

    async def by_registration(self, registration: str) -> Sequence[Flight]:
        stmt = select(Flight).where(Flight.registration == registration).order_by(Flight.std.desc()).limit(10)
        return (await self._session.scalars(stmt)).all()

    async def upsert(self, values: dict[str, Any]) -> int:
        stmt = insert(Flight).values(**values)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_flight_key",
            set_={k: stmt.excluded[k] for k in ("sta", "std", "eta", "etd", "aircraft_type", "registration", "status")},
        ).returning(Flight.id)
        return (await self._session.execute(stmt)).scalar_one()

    async def upsert_many(self, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        """Insert or refresh a batch of flights; returns flight key -> id."""
        if not rows:
            return {}
        stmt = insert(Flight).values(list(rows))
        stmt = stmt.on_conflict_do_update(
            constraint="uq_flight_key",
            set_={k: stmt.excluded[k] for k in ("sta", "std", "aircraft_type", "registration")},
        ).returning(Flight.id, Flight.airline_code, Flight.flight_number, Flight.op_date)
        result = await self._session.execute(stmt)
        return {f"{r.airline_code}{r.flight_number}/{r.op_date.isoformat()}": r.id for r in result}

    async def set_estimates(self, flight_id: int, eta: datetime | None, etd: datetime | None) -> None:
        await self._session.execute(update(Flight).where(Flight.id == flight_id).values(eta=eta, etd=etd))
