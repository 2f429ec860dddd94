from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import db_session, operator_token, trading_service
from ..errors import NotFound
from ..schemas import NominationIn
from ..services.trading_service import TradingService

router = APIRouter(prefix="/nominations", tags=["trading"], dependencies=[Depends(operator_token)])


@router.put("")
async def draft(body: NominationIn, session: AsyncSession = Depends(db_session),
                svc: TradingService = Depends(trading_service)):
    day = date.fromisoformat(body.delivery_day)
    await svc.draft_from_forecast(session, body.site_id, day, [mwh * 1000.0 for mwh in body.hourly_mwh])
    return {"status": "draft"}


@router.post("/{site_id}/{day}/submit")
async def submit(site_id: int, day: date, session: AsyncSession = Depends(db_session),
                 svc: TradingService = Depends(trading_service)):
    try:
        reference = await svc.submit(session, site_id, day)
    except NotFound as exc:
        return JSONResponse({"error": str(exc)}, status_code=200)
    return {"reference": reference}
