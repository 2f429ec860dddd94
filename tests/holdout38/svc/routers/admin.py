from __future__ import annotations

import base64
import datetime as dt

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import FEATURE_FLAGS, set_flag
from ..db import get_session
from ..schemas import FlagIn
from ..security import current_principal
from ..services import reports

router = APIRouter(prefix="/admin", tags=["admin"])
ops_router = APIRouter(tags=["ops"])


async def require_admin(principal: dict = Depends(current_principal)) -> dict:
    if principal.get("role") != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return principal


@router.get("/flags", dependencies=[Depends(require_admin)])
async def list_flags() -> dict[str, bool]:
    return dict(FEATURE_FLAGS)


@router.put("/flags/{name}", dependencies=[Depends(require_admin)])
async def put_flag(name: str, body: FlagIn) -> dict[str, bool]:
    if name not in FEATURE_FLAGS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown flag")
    set_flag(name, body.value)
    return dict(FEATURE_FLAGS)


@router.post("/exports/visits", dependencies=[Depends(require_admin)])
async def export_visits(start: dt.datetime, end: dt.datetime, passphrase: str) -> dict:
    body, key = await reports.export_visits_csv(start, end, passphrase)
    return {"csv": base64.b64encode(body).decode(), "key_fingerprint": key.hex()[:16]}


@router.get("/reports/leaderboard", dependencies=[Depends(require_admin)])
async def leaderboard(start: dt.datetime, end: dt.datetime, session: AsyncSession = Depends(get_session)) -> list[dict]:
    return await reports.clinician_leaderboard(session, start, end)


@router.get("/reports/no-shows", dependencies=[Depends(require_admin)])
async def no_shows(start: dt.datetime, end: dt.datetime, session: AsyncSession = Depends(get_session)) -> dict:
    return {"rate": await reports.no_show_rate(session, start, end)}


@ops_router.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok", "version": "2.3.0"}
