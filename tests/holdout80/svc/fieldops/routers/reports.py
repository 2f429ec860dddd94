from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse

from fieldops.deps import CurrentUser, require_dispatcher
from fieldops.services.reports import ReportService

router = APIRouter(prefix="/reports", tags=["reports"])


def _service(request: Request) -> ReportService:
    return ReportService(request.app.state.settings)


@router.get("/utilisation")
async def utilisation(
    start: date, end: date, user: CurrentUser = Depends(require_dispatcher), service: ReportService = Depends(_service)
) -> list[dict]:
    return await service.utilisation(user.account_id, start, end)


@router.get("/utilisation.csv", response_class=PlainTextResponse)
async def utilisation_csv(
    start: date, end: date, user: CurrentUser = Depends(require_dispatcher), service: ReportService = Depends(_service)
) -> str:
    return await service.utilisation_csv(user.account_id, start, end)


@router.get("/revenue")
async def revenue(
    start: date, user: CurrentUser = Depends(require_dispatcher), service: ReportService = Depends(_service)
) -> list[dict]:
    return await service.revenue(user.account_id, start)
