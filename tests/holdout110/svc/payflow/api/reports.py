from __future__ import annotations

import asyncio
import os
from datetime import date

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.responses import FileResponse, Response

from payflow.api.deps import Repos, admin_user, repos
from payflow.cache.redis_client import sync_redis
from payflow.db.engine import get_reporting_pool
from payflow.models import User
from payflow.repositories.reporting_repo import ReportingRepository
from payflow.schemas import InvoiceIn, InvoiceOut
from payflow.services.contractor_service import ContractorService
from payflow.services.idempotency import IdempotencyStore
from payflow.services.reporting_service import ReportingService

router = APIRouter(tags=["reports"])

EXPORT_MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
_recent_exports: list[dict] = []


def _reports(request: Request) -> ReportingService:
    return ReportingService(ReportingRepository(get_reporting_pool()), request.app.state.redis)


@router.get("/reports/labor-cost")
async def labor_cost(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> dict:
    return await _reports(request).labor_cost(user.company_id, start, end)


@router.get("/reports/hours")
async def hours(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> list[dict]:
    return await _reports(request).hours(user.company_id, start, end)


@router.get("/reports/departments")
async def departments(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> dict:
    data = await _reports(request).department_breakdown(user.company_id, start, end)
    return {str(k): {"gross": str(v["gross"]), "headcount": v["headcount"]} for k, v in data.items()}


@router.get("/reports/trend")
async def trend(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> list[dict]:
    return await _reports(request).cost_trend(user.company_id, start, end)


@router.get("/reports/headcount")
async def headcount(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> list[dict]:
    return await _reports(request).headcount(user.company_id, start, end)


@router.get("/reports/overtime-leaders")
async def overtime_leaders(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> list[dict]:
    return await _reports(request).overtime_leaders(user.company_id, start, end)


@router.get("/reports/payroll.csv")
async def payroll_csv(start: date, end: date, request: Request, background: BackgroundTasks, user: User = Depends(admin_user)) -> FileResponse:
    path = await _reports(request).export_payroll_csv(user.company_id, start, end)
    _recent_exports.append({"company_id": user.company_id, "user_id": user.id, "path": path, "start": start, "end": end})
    background.add_task(os.unlink, path)
    return FileResponse(path, media_type=EXPORT_MEDIA_TYPES["csv"], filename=f"payroll-{start}-{end}.csv")


@router.get("/reports/hours.csv")
async def hours_csv(start: date, end: date, request: Request, user: User = Depends(admin_user)) -> Response:
    body = await _reports(request).export_hours_csv(user.company_id, start, end)
    return Response(body, media_type=EXPORT_MEDIA_TYPES["csv"])


@router.post("/reports/cache/flush", status_code=204)
def flush_report_cache(user: User = Depends(admin_user)) -> None:
    client = sync_redis()
    for key in client.scan_iter(match=f"report:*:{user.company_id}*", count=500):
        client.delete(key)


@router.post("/contractors/{contractor_id}/invoices", response_model=InvoiceOut, status_code=201)
async def submit_invoice(contractor_id: int, body: InvoiceIn, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> InvoiceOut:
    service = ContractorService(
        r.contractors,
        request.app.state.redis,
        request.app.state.fx_client,
        request.app.state.payments,
        IdempotencyStore(request.app.state.redis, "contractor-payments"),
    )
    invoice = await service.submit_invoice(user.company_id, contractor_id, body)
    return InvoiceOut.model_validate(invoice)


@router.get("/contractors/{contractor_id}/invoices", response_model=list[InvoiceOut])
async def contractor_invoices(
    contractor_id: int, request: Request, status: str | None = None, user: User = Depends(admin_user), r: Repos = Depends(repos)
) -> list[InvoiceOut]:
    service = ContractorService(
        r.contractors,
        request.app.state.redis,
        request.app.state.fx_client,
        request.app.state.payments,
        IdempotencyStore(request.app.state.redis, "contractor-payments"),
    )
    return [InvoiceOut.model_validate(i) for i in await service.invoices(user.company_id, contractor_id, status)]


@router.get("/contractors")
async def contractors(user: User = Depends(admin_user), r: Repos = Depends(repos)) -> list[dict]:
    rows = await r.contractors.list_for_company(user.company_id)
    return [{"id": c.id, "legal_name": c.legal_name, "country": c.country, "currency": c.currency} for c in rows]


async def warm_reports(request: Request, company_id: int, start: date, end: date) -> None:
    service = _reports(request)
    await asyncio.gather(service.labor_cost(company_id, start, end), service.hours(company_id, start, end))
