from __future__ import annotations

import asyncio
import uuid

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from ..config import settings
from ..db import engine
from ..deps import get_services
from ..services import pricing_service


router = APIRouter(prefix="/admin", tags=["admin"])


def require_ops(x_ops_token: str = Header(...)) -> None:
    if x_ops_token != settings.jwt_secret:
        raise HTTPException(403, "ops only")


class OverrideIn(BaseModel):
    lane: str
    multiplier: float = Field(gt=0.5, lt=2.0)


class SuspendIn(BaseModel):
    reason: str


@router.post("/rate-overrides", dependencies=[Depends(require_ops)])
async def add_override(body: OverrideIn):
    pricing_service.set_override(body.lane, body.multiplier)
    return {"lane": body.lane, "multiplier": body.multiplier}


@router.delete("/rate-overrides", dependencies=[Depends(require_ops)], status_code=204)
async def clear_overrides():
    pricing_service.clear_overrides()


@router.post("/carriers/{carrier_id}/suspend", dependencies=[Depends(require_ops)])
async def suspend(carrier_id: uuid.UUID, body: SuspendIn, services=Depends(get_services)):
    released = await services.compliance.suspend(carrier_id, reason=body.reason)
    return {"released_loads": released}


@router.get("/ping-rejects", dependencies=[Depends(require_ops)])
async def ping_rejects(services=Depends(get_services)):
    return services.rejects.snapshot()


@router.post("/tenders/expire-now", dependencies=[Depends(require_ops)])
async def expire_now(services=Depends(get_services)):
    from ..workers.tender_expiry import TenderExpiryWorker

    worker = TenderExpiryWorker(services.sessions, services.notifications)
    return {"expired": await worker._sweep()}


health_router = APIRouter(tags=["health"])


@health_router.get("/health")
async def health():
    return {"status": "ok"}


@health_router.get("/ready")
async def ready(request: Request):
    checks: dict[str, str] = {}

    async def _db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def _redis() -> None:
        await request.app.state.redis.ping()

    async def _tracking() -> None:
        await request.app.state.tracking_pool.fetchval("SELECT 1")

    for name, probe in (("db", _db), ("redis", _redis), ("tracking_db", _tracking)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"fail: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse(status_code=200 if healthy else 503, content={"ready": healthy, "checks": checks})
