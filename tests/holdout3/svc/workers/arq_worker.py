"""arq worker: statement generation, digests and periodic housekeeping.

Run with `arq svc.workers.arq_worker.WorkerSettings`. Exposes /livez and /readyz on
port 8081 for the orchestrator.
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import web
from arq import cron
from arq.connections import RedisSettings

from svc.config import get_settings
from svc.db.session import SessionFactory
from svc.repositories.ledger import LedgerDatabase, LedgerRepository
from svc.services.checkout import ReservationService
from svc.services.ledger import StatementService, statement_csv

log = logging.getLogger(__name__)

settings = get_settings()


async def livez(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def ready(request: web.Request) -> web.Response:
    ctx = request.app["ctx"]
    try:
        async with asyncio.timeout(2.0):
            await ctx["redis"].ping()
            async with ctx["ledger_db"].pool.acquire(timeout=1.0) as conn:
                await conn.fetchval("SELECT 1")
    except Exception as exc:
        log.warning("worker readiness failed: %s", exc)
        return web.json_response({"status": "unavailable", "error": str(exc)}, status=503)
    return web.json_response({"status": "ok"})


async def startup(ctx: dict[str, Any]) -> None:
    ledger_db = LedgerDatabase(settings)
    await ledger_db.connect()
    ctx["ledger_db"] = ledger_db
    ctx["ledger_repo"] = LedgerRepository(ledger_db.pool, acquire_timeout=settings.ledger_acquire_timeout)
    ctx["reservations"] = ReservationService(SessionFactory)

    app = web.Application()
    app["ctx"] = ctx
    app.add_routes([web.get("/livez", livez), web.get("/readyz", ready)])
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", 8081).start()
    ctx["health_runner"] = runner


async def shutdown(ctx: dict[str, Any]) -> None:
    await ctx["health_runner"].cleanup()
    await ctx["ledger_db"].close()


async def generate_statement(ctx: dict[str, Any], seller_id: int, year: int, month: int) -> str:
    statement = await StatementService(ctx["ledger_repo"]).monthly(seller_id, year, month)
    return statement_csv(statement)


def _format_event(event: dict[str, Any]) -> str:
    kind = event.get("type", "event")
    if kind == "order.placed":
        return f"New order #{event['order_id']}"
    if kind == "payout.updated":
        return f"Payout #{event['payout_id']} is now {event['status']}"
    return kind


async def send_digest(ctx: dict[str, Any], seller_id: int) -> int:
    """Collapse a seller's queued notifications into one digest line list."""
    key = f"digest:{seller_id}"
    raw = await ctx["redis"].lrange(key, 0, -1)
    pending = [json.loads(item) for item in raw]
    lines: list[str] = []
    while pending:
        event = pending.pop(0)
        lines.append(_format_event(event))
    if lines:
        await ctx["redis"].enqueue_job("send_email", "seller_digest", {"seller_id": seller_id, "lines": lines})
        await ctx["redis"].ltrim(key, len(raw), -1)
    return len(lines)


async def expire_reservations(ctx: dict[str, Any]) -> int:
    released = await ctx["reservations"].release_expired()
    if released:
        log.info("released %d expired reservations", released)
    return released


class WorkerSettings:
    functions = [generate_statement, send_digest]
    cron_jobs = [cron(expire_reservations, minute=set(range(0, 60, 5)), run_at_startup=False)]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings(host=settings.arq_redis_host, port=settings.arq_redis_port, conn_timeout=2)
    max_jobs = 20
    job_timeout = 300
