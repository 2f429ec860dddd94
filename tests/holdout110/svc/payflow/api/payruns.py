from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request

from payflow.api.deps import Repos, admin_user, repos
from payflow.models import User
from payflow.schemas import PayRunCreate, PayRunOut
from payflow.services.payroll_calc import WorkInput
from payflow.services.payrun_service import PayRunService
from payflow.services.progress import JobQueue, ProgressPublisher
from payflow.services.withholding_service import WithholdingService

router = APIRouter(prefix="/payruns", tags=["payruns"])


def _service(request: Request, r: Repos) -> PayRunService:
    redis = request.app.state.redis
    return PayRunService(
        r.runs,
        r.employees,
        r.companies,
        r.timesheets,
        r.payslips,
        request.app.state.withholding,
        r.audit,
        ProgressPublisher(redis),
        JobQueue(redis),
    )


@router.get("", response_model=list[PayRunOut])
async def recent_runs(user: User = Depends(admin_user), r: Repos = Depends(repos)) -> list[PayRunOut]:
    return [PayRunOut.model_validate(run) for run in await r.runs.list_recent(user.company_id)]


@router.get("/{run_id}")
async def run_detail(run_id: int, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    await r.runs.get(user.company_id, run_id)
    run = await r.runs.get_with_lines(run_id)
    employees = await r.employees.by_ids([line.employee_id for line in run.lines])
    return {
        "run": PayRunOut.model_validate(run).model_dump(),
        "lines": [
            {
                "employee_id": line.employee_id,
                "name": f"{employees[line.employee_id].first_name} {employees[line.employee_id].last_name}"
                if line.employee_id in employees
                else None,
                "gross": line.gross,
                "taxes": line.federal_tax + line.state_tax + line.social_tax,
                "net": line.net,
                "jurisdiction": line.jurisdiction,
            }
            for line in run.lines
        ],
    }


@router.post("", response_model=PayRunOut, status_code=201)
async def create_run(body: PayRunCreate, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> PayRunOut:
    run = await _service(request, r).create(user.company_id, body, user)
    return PayRunOut.model_validate(run)


@router.post("/{run_id}/calculate")
async def calculate(run_id: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    totals = await _service(request, r).calculate(user.company_id, run_id)
    return {"gross": totals.gross, "tax": totals.tax, "net": totals.net, "headcount": totals.headcount}


@router.post("/{run_id}/approve", status_code=204)
async def approve(run_id: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> None:
    await _service(request, r).approve(user.company_id, run_id, user)


@router.post("/{run_id}/execute", status_code=202)
async def execute(run_id: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    job_id = await _service(request, r).request_execution(user.company_id, run_id, user)
    return {"job_id": job_id}


@router.get("/preview")
async def preview(pay_date: date, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    company = await r.companies.get(user.company_id)
    employees = await r.employees.list_active(user.company_id)
    inputs = [
        WorkInput(
            employee_id=e.id,
            jurisdiction=e.jurisdiction,
            pay_type=e.pay_type,
            hourly_rate=e.hourly_rate,
            annual_salary=e.annual_salary,
            daily_hours=[],
            filing_status=e.filing_status,
            allowances=e.allowances,
            ytd_gross=0,
            frequency=company.pay_frequency,
        )
        for e in employees
        if e.pay_type == "salary"
    ]
    withholding: WithholdingService = request.app.state.withholding
    results = await withholding.preview_company(inputs, pay_date)
    return {
        "employees": len(results),
        "gross": sum(r_.gross for r_ in results),
        "net": sum(r_.net for r_ in results),
    }


@router.get("/preview/{employee_id}")
async def preview_employee(employee_id: int, pay_date: date, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    company = await r.companies.get(user.company_id)
    e = await r.employees.get(user.company_id, employee_id)
    inp = WorkInput(
        employee_id=e.id,
        jurisdiction=e.jurisdiction,
        pay_type=e.pay_type,
        hourly_rate=e.hourly_rate,
        annual_salary=e.annual_salary,
        daily_hours=[],
        filing_status=e.filing_status,
        allowances=e.allowances,
        ytd_gross=0,
        frequency=company.pay_frequency,
    )
    result = await request.app.state.withholding.preview_employee(user.company_id, inp, pay_date)
    return {"gross": result.gross, "net": result.net, "federal": result.federal_tax, "state": result.state_tax}
