"""Health probes and operator endpoints."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.concurrency import run_in_threadpool

from svc.api.deps import (
    get_lobby_service,
    get_match_repo,
    get_purchases,
    get_queue_hub,
    get_wallets,
    require_admin,
)
from svc.config import Settings, get_settings
from svc.db.match_repo import MatchRepository
from svc.db.wallet_repo import WalletRepository
from svc.errors import NotFoundError
from svc.realtime import QueueStatusHub
from svc.services.lobby import LobbyService
from svc.services.purchases import PurchaseService
from svc.storage import write_receipt

router = APIRouter()
admin = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])


@router.get("/health/live")
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/health/ready")
async def readiness(request: Request) -> JSONResponse:
    state = request.app.state
    checks: dict[str, str] = {}
    try:
        async with state.pg_pool.acquire(timeout=2.0) as conn:
            await conn.fetchval("SELECT 1")
        checks["postgres"] = "ok"
    except Exception as exc:
        checks["postgres"] = f"error: {type(exc).__name__}"
    for name, client in (("redis", state.redis), ("leaderboard_redis", state.leaderboard_redis)):
        try:
            await asyncio.wait_for(client.ping(), timeout=1.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {type(exc).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JSONResponse({"status": "ready" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)


@admin.get("/reports/export")
async def export_reports(since: datetime, settings: Settings = Depends(get_settings)) -> list[dict[str, Any]]:
    engine = create_async_engine(settings.sqlalchemy_url)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT id, reporter_id, suspect_id, reason, status, verdict FROM anticheat_reports "
                "WHERE created_at >= :since ORDER BY created_at LIMIT 10000"
            ),
            {"since": since},
        )
        return [dict(row) for row in result.mappings().all()]


@admin.get("/matches/finished")
async def finished_matches(since: datetime, matches: MatchRepository = Depends(get_match_repo)) -> list[dict[str, Any]]:
    return [dict(row) for row in await matches.finished_since(since)]


@admin.post("/purchases/{purchase_id}/receipt", status_code=204)
async def regenerate_receipt(purchase_id: uuid.UUID, wallets: WalletRepository = Depends(get_wallets)) -> None:
    record = await wallets.get_purchase(purchase_id)
    if record is None:
        raise NotFoundError("purchase not found")
    await run_in_threadpool(write_receipt, get_settings().receipts_dir, purchase_id, dict(record))


@admin.post("/purchases/{purchase_id}/refund", status_code=204)
async def refund_purchase(
    purchase_id: uuid.UUID,
    intent_id: str,
    amount_cents: int,
    purchases: PurchaseService = Depends(get_purchases),
) -> None:
    await purchases.refund(purchase_id, intent_id, amount_cents)


@admin.post("/lobbies/kick/{player_id}", status_code=204)
async def kick_player(player_id: int, reason: str = "moderation", lobbies: LobbyService = Depends(get_lobby_service)) -> None:
    await lobbies.kick(player_id, reason)


@admin.post("/matchmaking/announce", status_code=204)
async def announce(message: dict[str, Any], hub: QueueStatusHub = Depends(get_queue_hub)) -> None:
    await hub.broadcast({"type": "announcement", **message})
