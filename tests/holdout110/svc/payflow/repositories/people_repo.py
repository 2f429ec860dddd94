from __future__ import annotations

from collections.abc import Sequence

from fastapi import HTTPException
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from payflow.errors import NotFound
from payflow.models import Company, Contractor, ContractorInvoice, Employee, KioskDevice, User


class CompanyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, company_id: int) -> Company:
        company = await self.session.get(Company, company_id)
        if company is None:
            raise NotFound(f"company {company_id} not found")
        return company

    async def user_by_email(self, email: str) -> User | None:
        result = await self.session.execute(select(User).where(User.email == email.lower()))
        return result.scalar_one_or_none()

    async def device_by_serial(self, serial: str) -> KioskDevice | None:
        result = await self.session.execute(select(KioskDevice).where(KioskDevice.serial == serial))
        return result.scalar_one_or_none()


class EmployeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, company_id: int, employee_id: int) -> Employee:
        employee = await self.session.get(Employee, employee_id)
        if employee is None or employee.company_id != company_id:
            raise HTTPException(status_code=404, detail="employee not found")
        return employee

    async def get_for_update(self, employee_id: int) -> Employee:
        result = await self.session.execute(
            select(Employee).where(Employee.id == employee_id).with_for_update()
        )
        employee = result.scalar_one_or_none()
        if employee is None:
            raise NotFound(f"employee {employee_id} not found")
        return employee

    async def list_active(self, company_id: int) -> Sequence[Employee]:
        result = await self.session.execute(
            select(Employee)
            .where(Employee.company_id == company_id, Employee.status == "active")
            .order_by(Employee.id)
        )
        return result.scalars().all()

    async def by_ids(self, ids: Sequence[int]) -> dict[int, Employee]:
        if not ids:
            return {}
        result = await self.session.execute(select(Employee).where(Employee.id.in_(list(ids))))
        return {e.id: e for e in result.scalars()}

    async def search(self, company_id: int, query: str, limit: int = 25) -> Sequence[Employee]:
        pattern = f"%{query.strip()}%"
        result = await self.session.execute(
            select(Employee)
            .where(Employee.company_id == company_id)
            .where(Employee.last_name.ilike(pattern) | Employee.email.ilike(pattern))
            .order_by(Employee.last_name)
            .limit(limit)
        )
        return result.scalars().all()

    async def by_email(self, company_id: int, email: str) -> Employee | None:
        result = await self.session.execute(
            select(Employee).where(Employee.company_id == company_id, Employee.email == email)
        )
        return result.scalar_one_or_none()

    async def page(self, company_id: int, after_id: int, limit: int) -> Sequence[Employee]:
        result = await self.session.execute(
            select(Employee)
            .where(Employee.company_id == company_id, Employee.id > after_id)
            .order_by(Employee.id)
            .limit(limit)
        )
        return result.scalars().all()

    async def count_active(self, company_id: int) -> int:
        result = await self.session.execute(
            select(func.count())
            .select_from(Employee)
            .where(Employee.company_id == company_id, Employee.status == "active")
        )
        return int(result.scalar_one())


class ContractorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, company_id: int, contractor_id: int) -> Contractor:
        contractor = await self.session.get(Contractor, contractor_id)
        if contractor is None or contractor.company_id != company_id:
            raise NotFound(f"contractor {contractor_id} not found")
        return contractor

    async def list_for_company(self, company_id: int) -> Sequence[Contractor]:
        result = await self.session.execute(
            select(Contractor).where(Contractor.company_id == company_id).order_by(Contractor.id)
        )
        return result.scalars().all()

    async def approved_invoices(self, company_id: int, limit: int = 200) -> Sequence[ContractorInvoice]:
        result = await self.session.execute(
            select(ContractorInvoice)
            .where(ContractorInvoice.company_id == company_id, ContractorInvoice.status == "approved")
            .order_by(ContractorInvoice.id)
            .limit(limit)
        )
        return result.scalars().all()
