from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories import ClosingRepository
from ..services.closing import ClosingService
from .deps import current_user, get_session

router = APIRouter(prefix="/applications/{application_id}/closing", tags=["closing"])


class ScheduleIn(BaseModel):
    title_company_id: str
    start: datetime
    address: dict[str, Any]


def _service(request: Request, session: AsyncSession) -> ClosingService:
    return ClosingService(session, request.app.state.title, request.app.state.calendar_lock)


@router.get("")
async def get_closing(application_id: int, session: AsyncSession = Depends(get_session)) -> Any:
    closing = await ClosingRepository(session).for_application(application_id)
    if closing is None:
        return JSONResponse({"error": "closing_not_scheduled", "ok": False}, status_code=404)
    return {"scheduled_for": closing.scheduled_for.isoformat(), "status": closing.status}


@router.get("/slots")
async def slots(
    application_id: int, title_company_id: str, day: datetime, request: Request,
    session: AsyncSession = Depends(get_session), _: dict = Depends(current_user),
) -> list[str]:
    return await _service(request, session).slots(title_company_id, day)


@router.post("", status_code=201)
async def schedule(
    application_id: int, body: ScheduleIn, request: Request,
    session: AsyncSession = Depends(get_session), _: dict = Depends(current_user),
) -> dict[str, str]:
    ref = await _service(request, session).schedule(application_id, body.title_company_id, body.start, body.address)
    return {"title_order_ref": ref}
