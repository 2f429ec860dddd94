from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

import bcrypt
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.caches import JurisdictionRulesCache
from app.clients.hr_system import HRClient
from app.models import Employee
from app.repositories.employees import EmployeeRepository

log = logging.getLogger(__name__)


class EmployeeNotFound(LookupError):
    pass


class InsufficientPTO(ValueError):
    pass


class EmployeeService:
    def __init__(self, session: AsyncSession, hr: HRClient, rules: JurisdictionRulesCache) -> None:
        self._session = session
        self._hr = hr
        self._rules = rules
        self._employees = EmployeeRepository(session)

    async def _require(self, employee_id: int) -> Employee:
        employee = await self._employees.get(employee_id)
        if employee is None:
            raise EmployeeNotFound(employee_id)
        return employee

    async def profile(self, employee_id: int) -> dict[str, Any]:
        employee = await self._require(employee_id)
        hr_profile = await self._hr.get_profile(employee.external_id)
        return {
            "id": employee.id,
            "name": employee.full_name,
            "email": employee.email,
            "jurisdiction": employee.jurisdiction_code,
            "pay_type": employee.pay_type.value,
            "pto_hours": str(employee.pto_hours),
            "title": hr_profile.get("job_title"),
            "department": hr_profile.get("department"),
            "hire_date": hr_profile.get("hire_date"),
        }

    async def set_kiosk_pin(self, employee_id: int, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise ValueError("PIN must be 4-8 digits")
        employee = await self._require(employee_id)
        hashed = await asyncio.to_thread(bcrypt.hashpw, pin.encode(), bcrypt.gensalt(rounds=12))
        employee.kiosk_pin_hash = hashed.decode()
        await self._session.commit()

    async def accrue_pto(self, employee_id: int, hours_worked: Decimal) -> Decimal:
        employee = await self._require(employee_id)
        rules = await self._rules.get(employee.jurisdiction_code)
        rate = Decimal(str(rules.get("pto_accrual_per_hour", "0.0333")))
        cap = Decimal(str(rules.get("pto_cap_hours", "240")))
        new_balance = min(cap, employee.pto_hours + hours_worked * rate)
        await self._employees.set_pto(employee.id, new_balance)
        await self._session.commit()
        return new_balance

    async def use_pto(self, employee_id: int, hours_requested: Decimal) -> Decimal:
        result = await self._session.execute(
            update(Employee)
            .where(Employee.id == employee_id, Employee.pto_hours >= hours_requested)
            .values(pto_hours=Employee.pto_hours - hours_requested)
            .returning(Employee.pto_hours)
        )
        remaining = result.scalar_one_or_none()
        if remaining is None:
            await self._session.rollback()
            raise InsufficientPTO(f"employee {employee_id} lacks {hours_requested}h of PTO")
        await self._session.commit()
        return remaining
