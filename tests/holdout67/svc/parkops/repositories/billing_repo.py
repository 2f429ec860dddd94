from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Payment, Tariff, TariffChange


class PaymentRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def by_provider_ref(self, provider_ref: str) -> Payment | None:
        stmt = select(Payment).where(Payment.provider_ref == provider_ref)
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def by_provider_refs(self, refs: Iterable[str]) -> dict[str, Payment]:
        stmt = select(Payment).where(Payment.provider_ref.in_(list(refs)))
        return {p.provider_ref: p for p in (await self._db.execute(stmt)).scalars()}

    async def created_between(self, start: datetime, end: datetime) -> Sequence[Payment]:
        stmt = select(Payment).where(Payment.created_at >= start, Payment.created_at < end, Payment.status == "captured")
        return (await self._db.execute(stmt)).scalars().all()

    async def mark_settled(self, ids: list[int], at: datetime) -> None:
        if ids:
            await self._db.execute(update(Payment).where(Payment.id.in_(ids)).values(status="settled", settled_at=at))

    def add(self, payment: Payment) -> None:
        self._db.add(payment)


class TariffRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def current(self, zone_id: int, at: datetime) -> Tariff | None:
        stmt = (
            select(Tariff)
            .where(
                Tariff.zone_id == zone_id,
                Tariff.effective_from <= at,
                or_(Tariff.effective_to.is_(None), Tariff.effective_to > at),
            )
            .order_by(Tariff.effective_from.desc())
            .limit(1)
        )
        return (await self._db.execute(stmt)).scalars().first()

    async def due_changes(self, now: datetime) -> Sequence[TariffChange]:
        stmt = select(TariffChange).where(TariffChange.applied.is_(False), TariffChange.apply_at <= now)
        return (await self._db.execute(stmt)).scalars().all()

    def add(self, obj: Tariff | TariffChange) -> None:
        self._db.add(obj)
