from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from payflow.models import PayRun, PayRunLine, PayRunStatus, Payslip, TaxForm
from payflow.utils.common import tax_year_bounds, utcnow


class PayslipRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, company_id: int, run_id: int, employee_id: int, key: str) -> None:
        stmt = insert(Payslip).values(
            company_id=company_id,
            pay_run_id=run_id,
            employee_id=employee_id,
            storage_key=key,
            generated_at=utcnow(),
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["employee_id", "pay_run_id"],
            set_={"storage_key": key, "generated_at": utcnow()},
        )
        await self.session.execute(stmt)

    async def upsert_many(self, company_id: int, run_id: int, keys: dict[int, str]) -> None:
        if not keys:
            return
        now = utcnow()
        stmt = insert(Payslip).values(
            [
                {
                    "company_id": company_id,
                    "pay_run_id": run_id,
                    "employee_id": employee_id,
                    "storage_key": key,
                    "generated_at": now,
                }
                for employee_id, key in keys.items()
            ]
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["employee_id", "pay_run_id"],
            set_={"storage_key": stmt.excluded.storage_key, "generated_at": stmt.excluded.generated_at},
        )
        await self.session.execute(stmt)

    async def latest_for_employee(self, employee_id: int) -> Payslip | None:
        result = await self.session.execute(
            select(Payslip)
            .where(Payslip.employee_id == employee_id)
            .order_by(Payslip.pay_run_id.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def ytd_for_employee(self, employee_id: int, year: int) -> tuple[Decimal, Decimal]:
        start, end = tax_year_bounds(year)
        result = await self.session.execute(
            select(func.coalesce(func.sum(PayRunLine.gross), 0), func.coalesce(func.sum(PayRunLine.net), 0))
            .join(PayRun, PayRun.id == PayRunLine.pay_run_id)
            .where(
                PayRunLine.employee_id == employee_id,
                PayRun.status == PayRunStatus.PAID,
                PayRun.pay_date.between(start, end),
            )
        )
        gross, net = result.one()
        return Decimal(gross), Decimal(net)

    async def ytd_for_company(self, company_id: int, year: int) -> dict[int, dict[str, Decimal]]:
        start, end = tax_year_bounds(year)
        result = await self.session.execute(
            select(
                PayRunLine.employee_id,
                func.sum(PayRunLine.gross),
                func.sum(PayRunLine.federal_tax),
                func.sum(PayRunLine.state_tax),
                func.sum(PayRunLine.social_tax),
            )
            .join(PayRun, PayRun.id == PayRunLine.pay_run_id)
            .where(
                PayRun.company_id == company_id,
                PayRun.status == PayRunStatus.PAID,
                PayRun.pay_date.between(start, end),
            )
            .group_by(PayRunLine.employee_id)
        )
        return {
            row[0]: {"gross": row[1], "federal": row[2], "state": row[3], "social": row[4]}
            for row in result.all()
        }

    async def unemailed_for_run(self, run_id: int) -> Sequence[Payslip]:
        result = await self.session.execute(
            select(Payslip).where(Payslip.pay_run_id == run_id, Payslip.emailed_at.is_(None))
        )
        return result.scalars().all()

    async def mark_emailed(self, payslip_ids: list[int]) -> None:
        await self.session.execute(
            update(Payslip).where(Payslip.id.in_(payslip_ids)).values(emailed_at=utcnow())
        )


class TaxFormRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, form: TaxForm) -> TaxForm:
        self.session.add(form)
        await self.session.flush()
        return form

    async def for_company_year(self, company_id: int, year: int, kind: str) -> Sequence[TaxForm]:
        result = await self.session.execute(
            select(TaxForm).where(
                TaxForm.company_id == company_id, TaxForm.tax_year == year, TaxForm.kind == kind
            )
        )
        return result.scalars().all()

    async def for_employee(self, employee_id: int, year: int) -> Sequence[TaxForm]:
        result = await self.session.execute(
            select(TaxForm).where(TaxForm.employee_id == employee_id, TaxForm.tax_year == year)
        )
        return result.scalars().all()


def period_label(start: date, end: date) -> str:
    return f"{start:%Y%m%d}-{end:%Y%m%d}"
