from __future__ import annotations

from datetime import date
from decimal import Decimal

import asyncpg

LABOR_COST_BY_DEPARTMENT = """
SELECT e.department_id, SUM(l.gross) AS gross, SUM(l.federal_tax + l.state_tax + l.social_tax) AS taxes
FROM pay_run_lines l
JOIN pay_runs r ON r.id = l.pay_run_id
JOIN employees e ON e.id = l.employee_id
WHERE r.company_id = $1 AND r.pay_date BETWEEN $2 AND $3 AND r.status = 'paid'
GROUP BY e.department_id
"""

DEPARTMENT_COST = """
SELECT COALESCE(SUM(l.gross), 0) AS gross, COUNT(DISTINCT l.employee_id) AS headcount
FROM pay_run_lines l
JOIN pay_runs r ON r.id = l.pay_run_id
JOIN employees e ON e.id = l.employee_id
WHERE r.company_id = $1 AND e.department_id = $2 AND r.pay_date BETWEEN $3 AND $4 AND r.status = 'paid'
"""

HOURS_BY_EMPLOYEE = """
SELECT t.employee_id, SUM(t.regular_hours) AS regular, SUM(t.overtime_hours) AS overtime
FROM timesheets t
WHERE t.company_id = $1 AND t.period_start >= $2 AND t.period_start <= $3
  AND t.status IN ('approved', 'locked')
GROUP BY t.employee_id
"""

PAYROLL_LINES = """
SELECT l.employee_id, e.department_id, e.jurisdiction, r.pay_date, l.gross, l.net,
       l.federal_tax, l.state_tax, l.social_tax, l.regular_hours, l.overtime_hours
FROM pay_run_lines l
JOIN pay_runs r ON r.id = l.pay_run_id
JOIN employees e ON e.id = l.employee_id
WHERE r.company_id = $1 AND r.pay_date BETWEEN $2 AND $3 AND r.status = 'paid'
"""


HEADCOUNT_BY_MONTH = """
SELECT date_trunc('month', r.pay_date)::date AS month, COUNT(DISTINCT l.employee_id) AS headcount
FROM pay_run_lines l
JOIN pay_runs r ON r.id = l.pay_run_id
WHERE r.company_id = $1 AND r.pay_date BETWEEN $2 AND $3 AND r.status = 'paid'
GROUP BY 1
ORDER BY 1
"""

OVERTIME_LEADERS = """
SELECT t.employee_id, e.first_name, e.last_name, SUM(t.overtime_hours) AS overtime
FROM timesheets t
JOIN employees e ON e.id = t.employee_id
WHERE t.company_id = $1 AND t.period_start BETWEEN $2 AND $3
GROUP BY t.employee_id, e.first_name, e.last_name
ORDER BY overtime DESC
LIMIT $4
"""


class ReportingRepository:
    """Read-only reporting queries over a dedicated asyncpg pool."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def department_ids(self, company_id: int) -> list[int]:
        async with self.pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT DISTINCT department_id FROM employees WHERE company_id = $1 AND department_id IS NOT NULL",
                company_id,
            )
        return [r["department_id"] for r in rows]

    async def labor_cost_by_department(self, company_id: int, start: date, end: date) -> dict[int | None, dict]:
        async with self.pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(LABOR_COST_BY_DEPARTMENT, company_id, start, end)
        return {r["department_id"]: {"gross": r["gross"], "taxes": r["taxes"]} for r in rows}

    async def department_cost(self, company_id: int, department_id: int, start: date, end: date) -> dict:
        async with self.pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(DEPARTMENT_COST, company_id, department_id, start, end)
        return {"gross": Decimal(row["gross"]), "headcount": row["headcount"]}

    async def hours_by_employee(self, company_id: int, start: date, end: date) -> list[asyncpg.Record]:
        conn = await self.pool.acquire()
        rows = await conn.fetch(HOURS_BY_EMPLOYEE, company_id, start, end)
        await self.pool.release(conn)
        return rows

    async def payroll_lines(self, company_id: int, start: date, end: date) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            async with conn.transaction(readonly=True, isolation="repeatable_read"):
                return await conn.fetch(PAYROLL_LINES, company_id, start, end)

    async def headcount_by_month(self, company_id: int, start: date, end: date) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetch(HEADCOUNT_BY_MONTH, company_id, start, end)

    async def overtime_leaders(self, company_id: int, start: date, end: date, limit: int = 20) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetch(OVERTIME_LEADERS, company_id, start, end, limit)
