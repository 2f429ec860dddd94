from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from payflow.errors import NotFound
from payflow.models import PayRun, PayRunLine, PayRunStatus


class PayRunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, company_id: int, run_id: int) -> PayRun:
        run = await self.session.get(PayRun, run_id)
        if run is None or run.company_id != company_id:
            raise NotFound(f"pay run {run_id} not found")
        return run

    async def get_with_lines(self, run_id: int) -> PayRun:
        result = await self.session.execute(
            select(PayRun).where(PayRun.id == run_id).options(selectinload(PayRun.lines))
        )
        run = result.scalar_one_or_none()
        if run is None:
            raise NotFound(f"pay run {run_id} not found")
        return run

    async def lines(self, run_id: int) -> Sequence[PayRunLine]:
        result = await self.session.execute(
            select(PayRunLine).where(PayRunLine.pay_run_id == run_id).order_by(PayRunLine.employee_id)
        )
        return result.scalars().all()

    async def add(self, run: PayRun) -> PayRun:
        self.session.add(run)
        await self.session.flush()
        return run

    async def replace_lines(self, run_id: int, lines: list[PayRunLine]) -> None:
        await self.session.execute(
            PayRunLine.__table__.delete().where(PayRunLine.pay_run_id == run_id)
        )
        self.session.add_all(lines)
        await self.session.flush()

    async def claim_for_execution(self, run_id: int, now: datetime) -> bool:
        result = await self.session.execute(
            update(PayRun)
            .where(PayRun.id == run_id, PayRun.status == PayRunStatus.APPROVED)
            .values(status=PayRunStatus.EXECUTING, executed_at=now)
            .returning(PayRun.id)
        )
        return result.scalar_one_or_none() is not None

    async def set_status(self, run_id: int, status: PayRunStatus) -> None:
        await self.session.execute(update(PayRun).where(PayRun.id == run_id).values(status=status))

    async def list_recent(self, company_id: int, limit: int = 24) -> Sequence[PayRun]:
        result = await self.session.execute(
            select(PayRun)
            .where(PayRun.company_id == company_id)
            .order_by(PayRun.pay_date.desc())
            .limit(limit)
        )
        return result.scalars().all()

    async def list_unsynced_paid(self, limit: int = 50) -> Sequence[PayRun]:
        result = await self.session.execute(
            select(PayRun)
            .where(PayRun.status == PayRunStatus.PAID, PayRun.accounting_synced_at.is_(None))
            .order_by(PayRun.id)
            .limit(limit)
        )
        return result.scalars().all()

    async def mark_synced(self, run_id: int, when: datetime) -> None:
        await self.session.execute(
            update(PayRun).where(PayRun.id == run_id).values(accounting_synced_at=when)
        )
