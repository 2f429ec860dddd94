from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import DailyRate, RatePlan


async def get_plan(session: AsyncSession, plan_id: int) -> RatePlan | None:
    return await session.get(RatePlan, plan_id)


async def plans_for_hotel(session: AsyncSession, hotel_id: int) -> Sequence[RatePlan]:
    stmt = select(RatePlan).where(RatePlan.hotel_id == hotel_id, RatePlan.active.is_(True))
    return (await session.scalars(stmt)).all()


async def plan_codes_by_room_type(session: AsyncSession, hotel_id: int) -> dict[int, list[str]]:
    stmt = (
        select(DailyRate.room_type_id, RatePlan.code)
        .join(RatePlan, RatePlan.id == DailyRate.rate_plan_id)
        .where(RatePlan.hotel_id == hotel_id, RatePlan.active.is_(True))
        .distinct()
    )
    result: dict[int, list[str]] = defaultdict(list)
    for room_type_id, code in await session.execute(stmt):
        result[room_type_id].append(code)
    return result


async def daily_rates(
    session: AsyncSession, rate_plan_id: int, room_type_id: int, start: date, end: date
) -> dict[date, DailyRate]:
    stmt = select(DailyRate).where(
        DailyRate.rate_plan_id == rate_plan_id,
        DailyRate.room_type_id == room_type_id,
        DailyRate.stay_date >= start,
        DailyRate.stay_date < end,
    )
    return {row.stay_date: row for row in await session.scalars(stmt)}


async def upsert_rate(
    session: AsyncSession, rate_plan_id: int, room_type_id: int, stay_date: date, amount: Decimal
) -> None:
    stmt = insert(DailyRate).values(
        rate_plan_id=rate_plan_id, room_type_id=room_type_id, stay_date=stay_date, amount=amount
    )
    stmt = stmt.on_conflict_do_update(constraint="uq_daily_rates_key", set_={"amount": amount})
    await session.execute(stmt)
