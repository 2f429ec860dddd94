from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import PayRun, PayRunItem, PayRunStatus, Payslip


class PayRunRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, run: PayRun) -> PayRun:
        self._session.add(run)
        await self._session.flush()
        return run

    async def get(self, run_id: int) -> PayRun | None:
        return await self._session.get(PayRun, run_id)

    async def set_status(
        self, run_id: int, status: PayRunStatus, *, error: str | None = None, at: datetime | None = None
    ) -> None:
        values: dict = {"status": status, "error": error}
        if status is PayRunStatus.RUNNING:
            values["started_at"] = at
        elif status in (PayRunStatus.COMPUTED, PayRunStatus.FAILED):
            values["finished_at"] = at
        await self._session.execute(update(PayRun).where(PayRun.id == run_id).values(**values))

    async def items(self, run_id: int) -> Sequence[PayRunItem]:
        stmt = (
            select(PayRunItem)
            .where(PayRunItem.pay_run_id == run_id)
            .order_by(PayRunItem.employee_id)
        )
        return (await self._session.scalars(stmt)).all()

    async def add_items(self, items: list[PayRunItem]) -> None:
        self._session.add_all(items)
        await self._session.flush()

    async def item_for_employee(self, run_id: int, employee_id: int) -> PayRunItem | None:
        stmt = select(PayRunItem).where(
            PayRunItem.employee_id == employee_id, PayRunItem.pay_run_id == run_id
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def payslips_for_employee(self, employee_id: int, limit: int = 24) -> Sequence[Payslip]:
        stmt = (
            select(Payslip)
            .where(Payslip.employee_id == employee_id)
            .order_by(Payslip.created_at.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def payslips_for_run(self, run_id: int) -> Sequence[Payslip]:
        stmt = (
            select(Payslip)
            .join(PayRunItem, PayRunItem.id == Payslip.pay_run_item_id)
            .where(PayRunItem.pay_run_id == run_id, Payslip.pdf_path.is_not(None))
            .order_by(Payslip.id)
        )
        return (await self._session.scalars(stmt)).all()

    async def payslip(self, payslip_id: int) -> Payslip | None:
        return await self._session.get(Payslip, payslip_id)

    async def item(self, item_id: int) -> PayRunItem | None:
        return await self._session.get(PayRunItem, item_id)

    async def add_payslip(self, payslip: Payslip) -> Payslip:
        self._session.add(payslip)
        await self._session.flush()
        return payslip
