from __future__ import annotations

import json
import logging
import secrets
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import db_session, kpi_service, operator_token
from ..repositories.sites import AssetRepository, SiteRepository
from ..services.kpi import KpiService
from ..settings import get_settings
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(operator_token)])

REFRESH_STREAM = "jobs:forecast-refresh"


class SessionRequest(BaseModel):
    operator: str


class AssetImport(BaseModel):
    site_code: str
    assets: list[dict[str, Any]]


@router.post("/sessions")
async def issue_session(body: SessionRequest, request: Request) -> dict[str, str]:
    token = secrets.token_urlsafe(32)
    await request.app.state.sessions.issue(token, body.operator)
    log.info("issued console session for %s", body.operator)
    return {"token": token}


@router.get("/gateways")
async def gateways(request: Request) -> dict[str, int]:
    raw = await request.app.state.redis.hgetall("gateways:last_seen")
    return {gateway: int(ts) for gateway, ts in raw.items()}


@router.post("/forecasts/refresh")
async def request_refresh(request: Request) -> dict[str, str]:
    entry_id = await request.app.state.redis.xadd(
        REFRESH_STREAM, {"requested_at": utcnow().isoformat()}, maxlen=100
    )
    return {"queued": entry_id}


@router.get("/fleet")
async def fleet(session: AsyncSession = Depends(db_session), kpi: KpiService = Depends(kpi_service)):
    return await kpi.fleet_summary(session)


@router.post("/assets/import")
async def import_assets(body: AssetImport, session: AsyncSession = Depends(db_session)) -> dict[str, int]:
    site = await SiteRepository(session).by_code(body.site_code)
    if site is None:
        raise HTTPException(status_code=404, detail=f"unknown site {body.site_code}")
    written = await AssetRepository(session).upsert_many(site.id, body.assets)
    await session.commit()
    return {"written": written}


@router.get("/config")
def effective_config() -> dict[str, Any]:
    settings = get_settings()
    public = settings.model_dump(exclude={"grid_operator_token", "weather_api_key", "market_api_key",
                                          "sms_token", "gateway_keys", "database_url", "asyncpg_dsn"})
    return json.loads(json.dumps(public, default=str))
