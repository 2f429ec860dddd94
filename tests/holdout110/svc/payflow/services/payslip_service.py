from __future__ import annotations

import asyncio
import os
from pathlib import Path

import structlog

from payflow.clients.email_client import EmailClient
from payflow.clients.object_storage import ObjectStorage
from payflow.models import Company, Employee, PayRun, PayRunLine
from payflow.repositories.document_repo import PayslipRepository, period_label
from payflow.repositories.payrun_repo import PayRunRepository
from payflow.repositories.people_repo import CompanyRepository, EmployeeRepository
from payflow.services.pdf_render import render_payslip, render_payslip_to_file

log = structlog.get_logger(__name__)

NOTICE_CONCURRENCY = 10


def payslip_data(company: Company, run: PayRun, line: PayRunLine, employee: Employee) -> dict:
    return {
        "company_name": company.name,
        "employee_name": f"{employee.first_name} {employee.last_name}",
        "period_start": run.period_start,
        "period_end": run.period_end,
        "pay_date": run.pay_date,
        "regular_hours": line.regular_hours,
        "overtime_hours": line.overtime_hours,
        "gross": line.gross,
        "federal_tax": line.federal_tax,
        "state_tax": line.state_tax,
        "social_tax": line.social_tax,
        "deductions": line.deductions,
        "net": line.net,
        "currency": company.currency,
    }


class PayslipService:
    def __init__(
        self,
        runs: PayRunRepository,
        payslips: PayslipRepository,
        employees: EmployeeRepository,
        companies: CompanyRepository,
        storage: ObjectStorage,
        email: EmailClient,
    ) -> None:
        self.runs = runs
        self.payslips = payslips
        self.employees = employees
        self.companies = companies
        self.storage = storage
        self.email = email

    def _key(self, run: PayRun, employee_id: int) -> str:
        return f"payslips/{run.company_id}/{period_label(run.period_start, run.period_end)}/{run.id}/{employee_id}.pdf"

    async def generate_for_run(self, run_id: int) -> int:
        run = await self.runs.get_with_lines(run_id)
        company = await self.companies.get(run.company_id)
        employees = await self.employees.by_ids([line.employee_id for line in run.lines])
        keys: dict[int, str] = {}
        for line in run.lines:
            employee = employees[line.employee_id]
            pdf = await asyncio.to_thread(render_payslip, payslip_data(company, run, line, employee))
            keys[employee.id] = await self.storage.put_bytes(self._key(run, employee.id), pdf)
        await self.payslips.upsert_many(company.id, run.id, keys)
        return len(keys)

    async def generate_one(self, company_id: int, run_id: int, employee_id: int) -> str:
        run = await self.runs.get(company_id, run_id)
        company = await self.companies.get(company_id)
        employee = await self.employees.get(company_id, employee_id)
        line = next((ln for ln in await self.runs.lines(run_id) if ln.employee_id == employee_id), None)
        if line is None:
            raise LookupError(f"employee {employee_id} not in pay run {run_id}")
        path = render_payslip_to_file(payslip_data(company, run, line, employee))
        try:
            pdf = await asyncio.to_thread(Path(path).read_bytes)
        finally:
            await asyncio.to_thread(os.unlink, path)
        key = await self.storage.put_bytes(self._key(run, employee.id), pdf)
        await self.payslips.upsert(company_id, run.id, employee.id, key)
        return key

    async def send_notices(self, run_id: int) -> int:
        slips = await self.payslips.unemailed_for_run(run_id)
        employees = await self.employees.by_ids([s.employee_id for s in slips])
        sem = asyncio.Semaphore(NOTICE_CONCURRENCY)

        async def notify(slip) -> int | None:
            employee = employees.get(slip.employee_id)
            if employee is None or slip.storage_key is None:
                return None
            async with sem:
                url = await self.storage.presigned_url(slip.storage_key, expires_in=7 * 24 * 3600)
                await self.email.send(
                    employee.email,
                    "Your payslip is ready",
                    f'<p>Hi {employee.first_name}, <a href="{url}">download your payslip</a>.</p>',
                    tag="payslip",
                )
            return slip.id

        sent = await asyncio.gather(*(notify(s) for s in slips), return_exceptions=True)
        ids = [s for s in sent if isinstance(s, int)]
        await self.payslips.mark_emailed(ids)
        return len(ids)
