from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import alarm_service, db_session, operator_token
from ..repositories.sites import AssetRepository
from ..schemas import AckRequest
from ..services.alarm_service import AlarmService

router = APIRouter(prefix="/alarms", tags=["alarms"], dependencies=[Depends(operator_token)])


@router.get("/site/{site_id}")
async def console(site_id: int, session: AsyncSession = Depends(db_session),
                  svc: AlarmService = Depends(alarm_service)):
    return await svc.console_rows(site_id, AssetRepository(session))


@router.get("/site/{site_id}/compact")
async def console_compact(site_id: int, session: AsyncSession = Depends(db_session),
                          svc: AlarmService = Depends(alarm_service)):
    return await svc.console_rows_batched(site_id, AssetRepository(session))


@router.post("/{alarm_id}/ack")
async def acknowledge(alarm_id: int, body: AckRequest, request: Request,
                      svc: AlarmService = Depends(alarm_service)):
    if not await svc.acknowledge(alarm_id, body.operator):
        raise HTTPException(status_code=409, detail="already acknowledged or unknown alarm")
    await request.app.state.console_hub.broadcast({"event": "acked", "id": alarm_id})
    return {"acknowledged": alarm_id}


@router.post("/{alarm_id}/page")
async def page_now(alarm_id: int, request: Request):
    receipts = await request.app.state.escalation.page_now(alarm_id)
    return {"paged": len(receipts)}
