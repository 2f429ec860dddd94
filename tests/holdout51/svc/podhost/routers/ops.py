"""Operator endpoints and liveness/readiness probes."""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.db.models import Show

router = APIRouter(prefix="/admin", tags=["admin"])
health_router = APIRouter(tags=["health"])


@health_router.get("/healthz")
async def liveness() -> dict:
    return {"status": "alive"}


@health_router.get("/readyz")
async def readiness(request: Request) -> dict:
    services = request.app.state.services
    return {"status": "ready", "version": request.app.version, "workers": len(services.background_tasks)}


def _require_operator(request: Request, x_operator_token: str = Header(default="")) -> None:
    expected = request.app.state.settings.feed_token_secret
    if not secrets.compare_digest(x_operator_token, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "operators only")


@router.post("/directories/republish", dependencies=[Depends(_require_operator)])
async def republish(request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    result = await session.execute(select(Show).where(Show.is_private.is_(False)))
    shows = list(result.scalars())
    ok = await request.app.state.services.notifier.republish_all(shows)
    return {"shows": len(shows), "pings_ok": ok}


@router.post("/feeds/{show_id}/rebuild", dependencies=[Depends(_require_operator)])
async def rebuild_feed(show_id: int, request: Request, session: AsyncSession = Depends(get_session)) -> dict:
    await request.app.state.services.feeds.invalidate(session, show_id)
    return {"rebuilt": show_id}


@router.get("/queues", dependencies=[Depends(_require_operator)])
async def queues(request: Request) -> dict:
    services = request.app.state.services
    return {
        "transcode_pending": await services.transcode_queue.depth(),
        "ingest_buffer": services.ingest.depth(),
    }
