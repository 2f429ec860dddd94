from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import LoyaltyAccount, MilesLedger


async def account_for_passenger(session: AsyncSession, passenger_id: int) -> LoyaltyAccount | None:
    stmt = select(LoyaltyAccount).where(LoyaltyAccount.passenger_id == passenger_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def accounts_for_passengers(session: AsyncSession, passenger_ids: Iterable[int]) -> dict[int, LoyaltyAccount]:
    stmt = select(LoyaltyAccount).where(LoyaltyAccount.passenger_id.in_(list(passenger_ids)))
    return {a.passenger_id: a for a in (await session.execute(stmt)).scalars().all()}


async def account_by_number(session: AsyncSession, number: str) -> LoyaltyAccount | None:
    stmt = select(LoyaltyAccount).where(LoyaltyAccount.number == number)
    return (await session.execute(stmt)).scalar_one_or_none()


async def credit(session: AsyncSession, account_id: int, miles: int, tier_miles: int) -> None:
    await session.execute(
        update(LoyaltyAccount)
        .where(LoyaltyAccount.id == account_id)
        .values(balance=LoyaltyAccount.balance + miles, tier_miles=LoyaltyAccount.tier_miles + tier_miles)
    )


async def add_ledger(session: AsyncSession, account_id: int, miles: int, source: str,
                     booking_id: int | None = None, partner_ref: str | None = None) -> MilesLedger:
    entry = MilesLedger(account_id=account_id, miles=miles, source=source, booking_id=booking_id, partner_ref=partner_ref)
    session.add(entry)
    await session.flush()
    return entry


async def ledger_since(session: AsyncSession, account_id: int, since: datetime) -> Sequence[MilesLedger]:
    stmt = (
        select(MilesLedger)
        .where(MilesLedger.account_id == account_id, MilesLedger.created_at >= since)
        .order_by(MilesLedger.created_at)
    )
    return (await session.execute(stmt)).scalars().all()


async def ledger_by_partner_ref(session: AsyncSession, partner_ref: str) -> MilesLedger | None:
    stmt = select(MilesLedger).where(MilesLedger.partner_ref == partner_ref)
    return (await session.execute(stmt)).scalar_one_or_none()


async def all_accounts(session: AsyncSession) -> Sequence[LoyaltyAccount]:
    return (await session.execute(select(LoyaltyAccount).order_by(LoyaltyAccount.id))).scalars().all()
