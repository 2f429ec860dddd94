from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import ZoneInfo, zone_cache
from ..db import get_session
from ..web import UserId, state
from ..repositories.session_repo import SessionRepository
from ..repositories.session_repo import ZoneRepository
from ..schemas import ExtendSessionIn, QuoteOut, SessionOut, StartSessionIn
from ..services.session_service import SessionError, StartRequest
from ..services.tariff_service import TariffUnavailable
from ..utils.ratelimit import throttle_app_user

router = APIRouter(prefix="/api/v1", tags=["sessions"], dependencies=[Depends(throttle_app_user)])
DB = Annotated[AsyncSession, Depends(get_session)]


@router.post("/sessions", response_model=SessionOut, status_code=201)
async def start_session(body: StartSessionIn, user_id: UserId, app_state=Depends(state)) -> SessionOut:
    try:
        session = await app_state.session_service.start(
            StartRequest(user_id, body.plate, body.zone_id, body.minutes, body.customer_token)
        )
    except SessionError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return SessionOut.model_validate(session)


@router.post("/sessions/{session_id}/extend", response_model=SessionOut)
async def extend_session(session_id: int, body: ExtendSessionIn, user_id: UserId, app_state=Depends(state)) -> SessionOut:
    try:
        session = await app_state.session_service.extend(session_id, body.extra_minutes, body.customer_token)
    except SessionError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return SessionOut.model_validate(session)


@router.post("/sessions/{session_id}/stop", response_model=SessionOut)
async def stop_session(session_id: int, user_id: UserId, app_state=Depends(state)) -> SessionOut:
    try:
        session = await app_state.session_service.stop(session_id, user_id)
    except SessionError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    return SessionOut.model_validate(session)


@router.get("/me/sessions", response_model=list[SessionOut])
async def my_sessions(user_id: UserId, db: DB) -> list[SessionOut]:
    sessions = await SessionRepository(db).list_for_user(user_id)
    zones = ZoneRepository(db)
    out = []
    for s in sessions:
        zone = await zones.get(s.zone_id)
        item = SessionOut.model_validate(s)
        item.zone_name = zone.name if zone else None
        out.append(item)
    return out


@router.get("/me/sessions/active", response_model=list[SessionOut])
async def my_active_sessions(user_id: UserId, db: DB) -> list[SessionOut]:
    sessions = [s for s in await SessionRepository(db).list_for_user(user_id, limit=10) if s.status == "active"]
    known = zone_cache.as_map()
    out = []
    for s in sessions:
        info: ZoneInfo | None = known.get(s.zone_id)
        item = SessionOut.model_validate(s)
        item.zone_name = info.name if info else None
        out.append(item)
    return out


@router.get("/zones/{zone_id}/quote", response_model=QuoteOut)
async def quote(zone_id: int, minutes: int, app_state=Depends(state)) -> QuoteOut:
    try:
        q = await app_state.tariff_service.quote(zone_id, minutes)
    except TariffUnavailable as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    return QuoteOut(zone_id=q.zone_id, minutes=q.minutes, amount_cents=q.amount_cents)
