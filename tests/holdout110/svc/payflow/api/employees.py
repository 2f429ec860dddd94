from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Request

from payflow.api.deps import Repos, current_user, repos
from payflow.models import User
from payflow.schemas import EmployeeOut, EmployeeSummaryOut
from payflow.services.fx_service import FxService

router = APIRouter(prefix="/employees", tags=["employees"])


@router.get("", response_model=list[EmployeeOut])
async def list_employees(
    after_id: int = 0,
    limit: int = Query(default=100, le=500),
    user: User = Depends(current_user),
    r: Repos = Depends(repos),
) -> list[EmployeeOut]:
    rows = await r.employees.page(user.company_id, after_id, limit)
    return [EmployeeOut.model_validate(e) for e in rows]


@router.get("/search", response_model=list[EmployeeOut])
async def search_employees(
    q: str = Query(min_length=2, max_length=100),
    user: User = Depends(current_user),
    r: Repos = Depends(repos),
) -> list[EmployeeOut]:
    rows = await r.employees.search(user.company_id, q)
    return [EmployeeOut.model_validate(e) for e in rows]


@router.get("/{employee_id}/summary", response_model=EmployeeSummaryOut)
async def employee_summary(
    employee_id: int,
    request: Request,
    currency: str = Query(default="USD", min_length=3, max_length=3),
    user: User = Depends(current_user),
    r: Repos = Depends(repos),
) -> EmployeeSummaryOut:
    employee = await r.employees.get(user.company_id, employee_id)
    company = await r.companies.get(user.company_id)
    gross, net = await r.payslips.ytd_for_employee(employee.id, date.today().year)
    latest = await r.payslips.latest_for_employee(employee.id)
    url = None
    if latest is not None and latest.storage_key:
        url = await request.app.state.storage.presigned_url(latest.storage_key)
    fx: FxService = request.app.state.fx
    display = await fx.convert(net, company.currency, currency.upper())
    return EmployeeSummaryOut(
        employee=EmployeeOut.model_validate(employee),
        ytd_gross=gross,
        ytd_net=net,
        last_payslip_url=url,
        display_currency=currency.upper(),
        display_ytd_net=display,
    )
