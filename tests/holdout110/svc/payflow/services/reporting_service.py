from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import tempfile
from datetime import date
from decimal import Decimal

import pandas as pd
from redis.asyncio import Redis

from payflow.repositories.reporting_repo import ReportingRepository

REPORT_TTL = 900


def _rows_to_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue().encode()


class ReportingService:
    def __init__(self, repo: ReportingRepository, redis: Redis) -> None:
        self.repo = repo
        self.redis = redis

    async def labor_cost(self, company_id: int, start: date, end: date) -> dict:
        cache_key = f"report:labor-cost:{company_id}"
        cached = await self.redis.get(cache_key)
        if cached:
            return json.loads(cached)
        data = await self.repo.labor_cost_by_department(company_id, start, end)
        body = {str(k): {"gross": str(v["gross"]), "taxes": str(v["taxes"])} for k, v in data.items()}
        await self.redis.set(cache_key, json.dumps(body), ex=REPORT_TTL)
        return body

    async def hours(self, company_id: int, start: date, end: date) -> list[dict]:
        cache_key = f"report:hours:{company_id}:{start.isoformat()}:{end.isoformat()}"
        cached = await self.redis.get(cache_key)
        if cached:
            return json.loads(cached)
        rows = await self.repo.hours_by_employee(company_id, start, end)
        body = [{"employee_id": r["employee_id"], "regular": str(r["regular"]), "overtime": str(r["overtime"])} for r in rows]
        await self.redis.set(cache_key, json.dumps(body), ex=REPORT_TTL)
        return body

    async def department_breakdown(self, company_id: int, start: date, end: date) -> dict[int, dict]:
        departments = await self.repo.department_ids(company_id)
        breakdown: dict[int, dict] = {}
        for department_id in departments:
            breakdown[department_id] = await self.repo.department_cost(company_id, department_id, start, end)
        return breakdown

    async def cost_trend(self, company_id: int, start: date, end: date) -> list[dict]:
        rows = await self.repo.payroll_lines(company_id, start, end)
        frame = pd.DataFrame([dict(r) for r in rows])
        if frame.empty:
            return []
        frame[["gross", "net", "federal_tax", "state_tax", "social_tax"]] = frame[
            ["gross", "net", "federal_tax", "state_tax", "social_tax"]
        ].astype(float)
        pivot = frame.pivot_table(
            index=["department_id", "jurisdiction"],
            columns="pay_date",
            values=["gross", "net", "federal_tax", "state_tax", "social_tax"],
            aggfunc="sum",
            fill_value=0,
        )
        pivot.columns = [f"{metric}:{day}" for metric, day in pivot.columns]
        return pivot.reset_index().to_dict(orient="records")

    async def headcount(self, company_id: int, start: date, end: date) -> list[dict]:
        rows = await self.repo.headcount_by_month(company_id, start, end)
        return [{"month": r["month"].isoformat(), "headcount": r["headcount"]} for r in rows]

    async def overtime_leaders(self, company_id: int, start: date, end: date) -> list[dict]:
        rows = await self.repo.overtime_leaders(company_id, start, end)
        return [
            {"employee_id": r["employee_id"], "name": f"{r['first_name']} {r['last_name']}", "overtime": str(r["overtime"])}
            for r in rows
        ]

    async def export_payroll_csv(self, company_id: int, start: date, end: date) -> str:
        rows = await self.repo.payroll_lines(company_id, start, end)
        fd, path = tempfile.mkstemp(prefix=f"payroll-{company_id}-", suffix=".csv")
        os.close(fd)
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["employee_id", "department_id", "pay_date", "gross", "net"])
            for r in rows:
                writer.writerow([r["employee_id"], r["department_id"], r["pay_date"], r["gross"], r["net"]])
        return path

    async def export_hours_csv(self, company_id: int, start: date, end: date) -> bytes:
        rows = await self.hours(company_id, start, end)
        return await asyncio.to_thread(_rows_to_csv, rows)


def total_gross(breakdown: dict[int, dict]) -> Decimal:
    return sum((Decimal(v["gross"]) for v in breakdown.values()), Decimal("0"))
