from __future__ import annotations

import asyncio
import logging

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from svc.db.connections import engine, pg
from svc.deps import StaffDep
from svc.redis_client import get_redis
from svc.repositories import reporting_repo

logger = logging.getLogger(__name__)
router = APIRouter(tags=["ops"])


@router.get("/health")
async def health() -> dict:
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}

    async def db() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def raw_pg() -> None:
        async with pg.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")

    async def cache() -> None:
        await get_redis().ping()

    for name, probe in (("database", db), ("pg_pool", raw_pg), ("redis", cache)):
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            logger.warning("readiness probe %s failed: %s", name, exc)
            checks[name] = "failed"
    healthy = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ok" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)


@router.get("/ops/workers")
async def workers(request: Request) -> dict:
    from svc.workers.reminder_worker import STATS

    runner = request.app.state.runner
    return {"tasks": [t.get_name() for t in runner._tasks if not t.done()], "reminders": dict(STATS)}


@router.get("/reports/clinics/{clinic_id}/appointments")
async def appointments_report(clinic_id: int, day: date, staff: StaffDep) -> list[dict]:
    if staff.get("role") != "manager":
        raise HTTPException(403, "managers only")
    return await reporting_repo.appointments_on(clinic_id, day)
