from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Fine, Payment


class FineRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def balance(self, patron_id: int) -> int:
        stmt = select(func.coalesce(func.sum(Fine.balance_cents), 0)).where(Fine.patron_id == patron_id)
        return int(await self._session.scalar(stmt))

    async def open_for_update(self, patron_id: int) -> list[Fine]:
        stmt = (
            select(Fine)
            .where(Fine.patron_id == patron_id, Fine.balance_cents > 0)
            .order_by(Fine.created_at)
            .with_for_update()
        )
        return list(await self._session.scalars(stmt))

    async def upsert_overdue(self, patron_id: int, loan_id: int, amount_cents: int) -> None:
        stmt = insert(Fine).values(patron_id=patron_id, loan_id=loan_id, balance_cents=amount_cents, reason="overdue")
        stmt = stmt.on_conflict_do_update(index_elements=[Fine.loan_id], set_={"balance_cents": amount_cents})
        await self._session.execute(stmt)

    async def record_payment(self, patron_id: int, amount_cents: int, provider_ref: str, status: str) -> None:
        stmt = insert(Payment).values(
            patron_id=patron_id, amount_cents=amount_cents, provider_ref=provider_ref, status=status
        )
        await self._session.execute(stmt.on_conflict_do_nothing(index_elements=[Payment.provider_ref]))
