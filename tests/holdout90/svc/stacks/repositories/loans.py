from __future__ import annotations

from datetime import datetime

import asyncpg
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Loan
from stacks.db.pool import ACQUIRE_TIMEOUT_S


class LoanRepository:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool | None = None) -> None:
        self._session = session
        self._pool = pool

    async def get(self, loan_id: int) -> Loan | None:
        return await self._session.get(Loan, loan_id)

    async def list_by_patron(self, patron_id: int, status: str = "active") -> list[Loan]:
        stmt = select(Loan).where(Loan.patron_id == patron_id, Loan.status == status).order_by(Loan.due_at)
        return list(await self._session.scalars(stmt))

    async def count_active(self, patron_id: int, digital: bool) -> int:
        column = Loan.licence_id if digital else Loan.holding_id
        stmt = select(func.count()).select_from(Loan).where(
            Loan.patron_id == patron_id, Loan.status == "active", column.is_not(None)
        )
        return int(await self._session.scalar(stmt) or 0)

    async def add(self, loan: Loan) -> Loan:
        self._session.add(loan)
        await self._session.flush()
        return loan

    async def claim_overdue(self, now: datetime, limit: int) -> list[Loan]:
        stmt = (
            select(Loan)
            .where(Loan.status == "active", Loan.due_at < now, Loan.last_notice_at.is_(None))
            .order_by(Loan.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(await self._session.scalars(stmt))

    async def close(self, loan_id: int, returned_at: datetime) -> None:
        await self._session.execute(
            update(Loan).where(Loan.id == loan_id).values(status="returned", returned_at=returned_at)
        )

    async def active_by_holding(self, holding_id: int) -> Loan | None:
        stmt = select(Loan).where(Loan.holding_id == holding_id, Loan.status == "active")
        return await self._session.scalar(stmt)

    async def branch_stats(self, branch_id: int) -> dict[str, int]:
        assert self._pool is not None
        conn = await self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S)
        row = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE l.status = 'active') AS active, "
            "count(*) FILTER (WHERE l.status = 'active' AND l.due_at < now()) AS overdue "
            "FROM loans l JOIN holdings h ON h.id = l.holding_id WHERE h.branch_id = $1",
            branch_id,
        )
        await self._pool.release(conn)
        return dict(row)
