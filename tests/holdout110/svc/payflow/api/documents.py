from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse

from payflow.api.deps import Repos, admin_user, current_user, repos
from payflow.errors import Forbidden, NotFound
from payflow.models import User
from payflow.services.payslip_service import PayslipService
from payflow.services.tax_forms import TaxFormService
from payflow.settings import get_settings

router = APIRouter(tags=["documents"])


def _payslips(request: Request, r: Repos) -> PayslipService:
    return PayslipService(r.runs, r.payslips, r.employees, r.companies, request.app.state.storage, request.app.state.email)


@router.post("/payruns/{run_id}/payslips/{employee_id}/regenerate")
async def regenerate_payslip(
    run_id: int, employee_id: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)
) -> dict:
    employee = await r.employees.get(user.company_id, employee_id)
    key = await _payslips(request, r).generate_one(user.company_id, run_id, employee.id, locale=employee.locale)
    return {"storage_key": key}


@router.get("/me/payslips/latest")
async def my_latest_payslip(request: Request, user: User = Depends(current_user), r: Repos = Depends(repos)) -> dict:
    if user.employee_id is None:
        raise Forbidden("only employees have payslips")
    slip = await r.payslips.latest_for_employee(user.employee_id)
    if slip is None or slip.storage_key is None:
        raise NotFound("no payslip yet")
    url = await request.app.state.storage.presigned_url(slip.storage_key, expires_in=300)
    return {"url": url, "pay_run_id": slip.pay_run_id}


@router.get("/tax-forms/{year}/summary")
async def year_summary(year: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> list[dict]:
    service = TaxFormService(r.employees, r.companies, r.payslips, r.tax_forms, request.app.state.storage, request.app.state.email)
    return await service.year_end_summary(user.company_id, year)


@router.post("/tax-forms/{year}/bundle")
async def filing_bundle(year: int, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    service = TaxFormService(r.employees, r.companies, r.payslips, r.tax_forms, request.app.state.storage, request.app.state.email)
    key = await service.bundle_for_filing(user.company_id, year)
    return {"storage_key": key}


@router.get("/tax-forms/instructions/{kind}")
def form_instructions(kind: str) -> FileResponse:
    if kind not in ("w2", "1099nec"):
        raise NotFound("unknown form kind")
    path = f"{get_settings().tax_tables_dir}/instructions/{kind}.pdf"
    with open(path, "rb") as fh:
        header = fh.read(5)
    if header != b"%PDF-":
        raise NotFound("instructions unavailable")
    return FileResponse(path, media_type="application/pdf")
