from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal

import structlog
from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from payflow.errors import InvalidState
from payflow.models import PayRun, PayRunLine, PayRunStatus, User
from payflow.repositories.document_repo import PayslipRepository
from payflow.repositories.payrun_repo import PayRunRepository
from payflow.repositories.people_repo import CompanyRepository, EmployeeRepository
from payflow.repositories.timesheet_repo import TimesheetRepository
from payflow.schemas import PayRunCreate
from payflow.services.audit_service import AuditService
from payflow.services.payroll_calc import WorkInput
from payflow.services.progress import JobQueue, ProgressPublisher
from payflow.services.withholding_service import WithholdingService

log = structlog.get_logger(__name__)
ZERO = Decimal("0")


@dataclass(slots=True)
class RunTotals:
    gross: Decimal
    tax: Decimal
    net: Decimal
    headcount: int


class PayRunService:
    def __init__(
        self,
        runs: PayRunRepository,
        employees: EmployeeRepository,
        companies: CompanyRepository,
        timesheets: TimesheetRepository,
        payslips: PayslipRepository,
        withholding: WithholdingService,
        audit: AuditService,
        progress: ProgressPublisher,
        jobs: JobQueue,
    ) -> None:
        self.runs = runs
        self.employees = employees
        self.companies = companies
        self.timesheets = timesheets
        self.payslips = payslips
        self.withholding = withholding
        self.audit = audit
        self.progress = progress
        self.jobs = jobs

    async def create(self, company_id: int, data: PayRunCreate, actor: User) -> PayRun:
        if data.period_end < data.period_start or data.pay_date < data.period_end:
            raise InvalidState("pay date must follow the period")
        run = await self.runs.add(
            PayRun(
                company_id=company_id,
                period_start=data.period_start,
                period_end=data.period_end,
                pay_date=data.pay_date,
            )
        )
        await self.audit.record(company_id, actor.id, "payrun.created", "pay_run", run.id)
        return run

    async def calculate(self, company_id: int, run_id: int) -> RunTotals:
        run = await self.runs.get(company_id, run_id)
        if run.status != PayRunStatus.DRAFT:
            raise InvalidState("only draft runs can be recalculated")
        company = await self.companies.get(company_id)
        employees = await self.employees.list_active(company_id)
        ytd = await self.payslips.ytd_for_company(company_id, run.pay_date.year)

        inputs: list[WorkInput] = []
        for emp in employees:
            sheet = await self.timesheets.approved_for_employee(emp.id, run.period_start)
            if emp.pay_type == "hourly" and sheet is None:
                continue
            hours = [sheet.regular_hours + sheet.overtime_hours] if sheet else []
            inputs.append(
                WorkInput(
                    employee_id=emp.id,
                    jurisdiction=emp.jurisdiction,
                    pay_type=emp.pay_type,
                    hourly_rate=emp.hourly_rate,
                    annual_salary=emp.annual_salary,
                    daily_hours=hours,
                    filing_status=emp.filing_status,
                    allowances=emp.allowances,
                    ytd_gross=ytd.get(emp.id, {}).get("gross") or ZERO,
                    frequency=company.pay_frequency,
                )
            )
        await self.progress.publish(company_id, run.id, "calculating", 0, len(inputs))

        results = await self.withholding.compute_run(inputs, run.pay_date.year)
        lines = [
            PayRunLine(
                pay_run_id=run.id,
                employee_id=r.employee_id,
                regular_hours=r.regular_hours,
                overtime_hours=r.overtime_hours,
                gross=r.gross,
                federal_tax=r.federal_tax,
                state_tax=r.state_tax,
                social_tax=r.social_tax,
                deductions=r.deductions,
                net=r.net,
                jurisdiction=r.jurisdiction,
            )
            for r in results
        ]
        await self.runs.replace_lines(run.id, lines)
        totals = self.summarize(lines)
        run.gross_total, run.tax_total, run.net_total = totals.gross, totals.tax, totals.net
        await self.progress.publish(company_id, run.id, "calculated", len(lines), len(lines))
        try:
            await self.audit.record(
                company_id, None, "payrun.calculated", "pay_run", run.id, {"headcount": totals.headcount}
            )
        except SQLAlchemyError:
            pass
        return totals

    def summarize(self, lines: list[PayRunLine]) -> RunTotals:
        snapshot = copy.deepcopy(lines)
        gross = sum((line.gross for line in snapshot), ZERO)
        tax = sum((line.federal_tax + line.state_tax + line.social_tax for line in snapshot), ZERO)
        net = sum((line.net for line in snapshot), ZERO)
        return RunTotals(gross=gross, tax=tax, net=net, headcount=len(snapshot))

    async def approve(self, company_id: int, run_id: int, actor: User) -> None:
        result = await self.runs.session.execute(
            update(PayRun)
            .where(PayRun.id == run_id, PayRun.company_id == company_id, PayRun.status == PayRunStatus.DRAFT)
            .values(status=PayRunStatus.APPROVED, approved_by=actor.id)
            .returning(PayRun.id)
        )
        if result.scalar_one_or_none() is None:
            raise InvalidState("pay run is not a draft")
        await self.audit.record(company_id, actor.id, "payrun.approved", "pay_run", run_id)

    async def request_execution(self, company_id: int, run_id: int, actor: User) -> str:
        run = await self.runs.get(company_id, run_id)
        if run.status != PayRunStatus.APPROVED:
            raise InvalidState("pay run must be approved before execution")
        job_id = await self.jobs.enqueue("payrun.execute", {"company_id": company_id, "run_id": run_id})
        await self.audit.record(company_id, actor.id, "payrun.execution_requested", "pay_run", run_id)
        return job_id
