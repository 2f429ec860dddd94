from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Flight, GateChange


async def get(session: AsyncSession, flight_id: int) -> Flight | None:
    return await session.get(Flight, flight_id)


async def by_number_and_day(session: AsyncSession, flight_no: str, day: date) -> Flight | None:
    stmt = select(Flight).where(Flight.flight_no == flight_no, func.date(Flight.sched_dep) == day)
    return (await session.execute(stmt)).scalar_one_or_none()


async def departures(session: AsyncSession, origin: str, start: datetime, end: datetime, limit: int = 200) -> Sequence[Flight]:
    stmt = (
        select(Flight)
        .where(Flight.origin == origin, Flight.sched_dep >= start, Flight.sched_dep < end)
        .order_by(Flight.sched_dep)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def departing_between(session: AsyncSession, start: datetime, end: datetime) -> Sequence[Flight]:
    stmt = select(Flight).where(Flight.sched_dep.between(start, end)).order_by(Flight.sched_dep)
    return (await session.execute(stmt)).scalars().all()


async def many(session: AsyncSession, ids: Sequence[int]) -> dict[int, Flight]:
    if not ids:
        return {}
    rows = (await session.execute(select(Flight).where(Flight.id.in_(ids)))).scalars().all()
    return {f.id: f for f in rows}


async def set_gate(session: AsyncSession, flight: Flight, new_gate: str) -> GateChange:
    change = GateChange(flight_id=flight.id, old_gate=flight.gate, new_gate=new_gate)
    flight.gate = new_gate
    session.add(change)
    await session.flush()
    return change


async def set_estimate(session: AsyncSession, flight_id: int, est_dep: datetime, status: str) -> None:
    await session.execute(
        update(Flight).where(Flight.id == flight_id).values(est_dep=est_dep, status=status)
    )


async def upsert_from_schedule(session: AsyncSession, rows: list[dict]) -> int:
    existing = (
        await session.execute(
            select(Flight).where(
                Flight.flight_no.in_([r["flight_no"] for r in rows]),
                Flight.sched_dep.in_([r["sched_dep"] for r in rows]),
            )
        )
    ).scalars().all()
    index = {(f.flight_no, f.sched_dep): f for f in existing}
    created = 0
    for row in rows:
        flight = index.get((row["flight_no"], row["sched_dep"]))
        if flight is None:
            session.add(Flight(**row))
            created += 1
        else:
            flight.aircraft_type = row["aircraft_type"]
            flight.tail_number = row.get("tail_number")
    return created
