"""Health probes and operator endpoints (the latter mounted on the internal listener only)."""
from __future__ import annotations

import asyncio
import logging
from datetime import date

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Request, status

from adbid.config import Settings, get_settings
from adbid.metrics import bid_latency_reservoir
from adbid.services import bidder
from adbid.utils.timeutil import day_bounds, utcnow

log = logging.getLogger(__name__)

router = APIRouter(prefix="/internal", tags=["admin"])
probes = APIRouter(tags=["health"])


@probes.get("/healthz")
async def liveness() -> dict:
    return {"status": "alive"}


@probes.get("/readyz")
async def readiness(request: Request) -> dict:
    if not getattr(request.app.state, "started", False):
        return {"status": "starting"}
    return {"status": "ready"}


def _tail(path: str, lines: int) -> list[str]:
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 64 * 1024))
        return fh.read().decode(errors="replace").splitlines()[-lines:]


@router.get("/stats")
async def stats(request: Request) -> dict:
    return {
        "bidder": bidder.stats(),
        "p50_ms": bid_latency_reservoir.percentile(0.5) * 1000,
        "p99_ms": bid_latency_reservoir.percentile(0.99) * 1000,
        "dashboard": request.app.state.hub.stats(),
        "workers": request.app.state.scheduler.running(),
    }


@router.get("/logs/tail")
async def tail_log(path: str = "/var/log/adbid/app.log", lines: int = 200) -> dict:
    return {"lines": await asyncio.to_thread(_tail, path, min(lines, 2000))}


@router.post("/cache/refresh")
async def refresh_cache(request: Request) -> dict:
    count = await request.app.state.campaign_cache.refresh()
    return {"active_campaigns": count}


@router.post("/budgets/rebalance")
async def rebalance(request: Request) -> dict:
    cache = request.app.state.campaign_cache
    spent = await request.app.state.budget.spent_today([c.id for c in cache.all()], utcnow().date())
    caps = {c.id: c.daily_budget_micros - spent.get(c.id, 0) for c in cache.all()}
    multipliers = await request.app.state.pacing.multipliers()
    await request.app.state.budget.rebalance(caps, multipliers)
    return {"campaigns": len(caps)}


@router.get("/bids/recent")
async def recent_bids(limit: int = 100, settings: Settings = Depends(get_settings)) -> list[dict]:
    conn = await asyncpg.connect(settings.events_dsn, timeout=5)
    rows = await conn.fetch(
        "SELECT request_id, exchange, campaign_id, bid_micros, won, created_at "
        "FROM bid_log ORDER BY created_at DESC LIMIT $1",
        min(limit, 1000),
    )
    await conn.close()
    return [json.loads(json.dumps(dict(r), default=str)) for r in rows]


@router.get("/exchanges/{exchange}/seat-report")
async def seat_report(exchange: str, day: date, request: Request,
                      settings: Settings = Depends(get_settings)) -> dict:
    token = settings.exchange_secrets.get(exchange)
    if token is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown exchange")
    url = f"https://reports.{exchange}.example/seat/{day}"
    rows = await request.app.state.exchanges.seat_report(url, token)
    start, end = day_bounds(day)
    ours = await request.app.state.events_db.pool.fetchval(
        "SELECT count(*) FROM bid_log WHERE created_at >= $1 AND created_at < $2 AND exchange = $3 AND won",
        start, end, exchange,
    )
    theirs = sum(int(r.get("impressions", 0)) for r in rows)
    return {"exchange": exchange, "day": day.isoformat(), "exchange_impressions": theirs, "our_wins": ours}


@router.post("/campaigns/{campaign_id}/refund")
async def refund(campaign_id: int, amount_micros: int, request: Request) -> dict:
    if amount_micros <= 0:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "amount must be positive")
    remaining = await request.app.state.budget.refund(campaign_id, amount_micros, utcnow().date())
    log.info("manual refund of %d micros to campaign %s", amount_micros, campaign_id)
    return {"campaign_id": campaign_id, "spent_today_micros": remaining}


@router.post("/reconcile")
async def reconcile_now(request: Request) -> dict:
    corrected = await request.app.state.reconciler.reconcile_once()
    return {"corrected": corrected}
