from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.models import Employee, EmployeeStatus, Jurisdiction


class EmployeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, employee_id: int) -> Employee | None:
        return await self._session.get(Employee, employee_id)

    async def get_with_jurisdiction(self, employee_id: int) -> Employee | None:
        stmt = (
            select(Employee)
            .options(selectinload(Employee.jurisdiction))
            .where(Employee.id == employee_id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, employee_ids: Iterable[int]) -> dict[int, Employee]:
        ids = list(set(employee_ids))
        if not ids:
            return {}
        rows = await self._session.scalars(select(Employee).where(Employee.id.in_(ids)))
        return {e.id: e for e in rows}

    async def by_external_id(self, external_id: str) -> Employee | None:
        stmt = select(Employee).where(Employee.external_id == external_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def ids_for_external(self, external_ids: list[str]) -> Sequence[int]:
        if not external_ids:
            return []
        stmt = select(Employee.id).where(Employee.external_id.in_(external_ids))
        return (await self._session.scalars(stmt)).all()

    async def search(self, term: str, limit: int = 50) -> Sequence[Employee]:
        pattern = f"%{term}%"
        stmt = (
            select(Employee)
            .where(Employee.last_name.ilike(pattern) | Employee.first_name.ilike(pattern))
            .order_by(Employee.last_name, Employee.first_name)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def active_for_payroll(self) -> Sequence[Employee]:
        stmt = (
            select(Employee)
            .options(selectinload(Employee.jurisdiction))
            .where(Employee.status != EmployeeStatus.TERMINATED)
            .order_by(Employee.id)
        )
        return (await self._session.scalars(stmt)).all()

    async def direct_reports(self) -> dict[int, list[int]]:
        rows = await self._session.execute(
            select(Employee.manager_id, Employee.id).where(Employee.manager_id.is_not(None))
        )
        reports: dict[int, list[int]] = defaultdict(list)
        for manager_id, employee_id in rows:
            reports[manager_id].append(employee_id)
        return dict(reports)

    async def jurisdiction_rules(self, code: str) -> dict:
        row = await self._session.get(Jurisdiction, code)
        return dict(row.rules) if row else {}

    async def upsert_from_hr(self, records: list[dict]) -> None:
        if not records:
            return
        stmt = insert(Employee).values(records)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Employee.external_id],
            set_={
                "first_name": stmt.excluded.first_name,
                "last_name": stmt.excluded.last_name,
                "email": stmt.excluded.email,
                "jurisdiction_code": stmt.excluded.jurisdiction_code,
                "hourly_rate": stmt.excluded.hourly_rate,
                "status": stmt.excluded.status,
            },
        )
        await self._session.execute(stmt)

    async def set_pto(self, employee_id: int, hours: Decimal) -> None:
        await self._session.execute(
            update(Employee).where(Employee.id == employee_id).values(pto_hours=hours)
        )
