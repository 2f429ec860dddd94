"""Liveness and readiness probes."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from sqlalchemy import text

from svc.db.engine import session_factory

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict:
    return {"status": "ok"}


async def _check_db() -> str:
    async with session_factory()() as session:
        await asyncio.wait_for(session.execute(text("SELECT 1")), timeout=2.0)
    return "up"


async def _check_redis(request: Request) -> str:
    await asyncio.wait_for(request.app.state.redis.ping(), timeout=1.0)
    return "up"


@router.get("/readyz")
async def readiness(request: Request) -> dict:
    checks: dict[str, str] = {}
    for name, probe in (("db", _check_db()), ("redis", _check_redis(request))):
        try:
            checks[name] = await probe
        except Exception as exc:
            logger.warning("readiness check %s failed: %r", name, exc)
            checks[name] = "down"
    return {"status": "ok", "checks": checks}
