from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import httpx

from ..repositories.curtailment import CurtailmentRepository
from ..utils.timeutil import utcnow
from .context import WorkerContext

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 5


async def _fetch_setpoints(base_url: str, token: str, since) -> list[dict]:
    async with httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"}) as client:
        resp = await client.get("/setpoints", params={"since": since.isoformat()})
        resp.raise_for_status()
        return resp.json()["commands"]


async def poll_setpoints(ctx: WorkerContext) -> None:
    """Safety net for missed webhook deliveries from the TSO."""
    repo = CurtailmentRepository(ctx.pool)
    since = utcnow() - timedelta(minutes=10)
    while True:
        commands = await _fetch_setpoints(ctx.settings.grid_operator_url, ctx.settings.grid_operator_token, since)
        for cmd in commands:
            await repo.record(cmd["command_id"], cmd["site_id"], cmd["limit_kw"], cmd["starts_at"],
                              cmd.get("ends_at"), utcnow())
        since = utcnow() - timedelta(seconds=POLL_INTERVAL_S * 2)
        await asyncio.sleep(POLL_INTERVAL_S)
