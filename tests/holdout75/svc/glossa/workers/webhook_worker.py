from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import asyncpg

from glossa.repositories.jobs import WebhookRepository
from glossa.services.webhooks import WebhookDispatcher
from glossa.workers import build_context

logger = logging.getLogger(__name__)

BATCH = 50
STALE_AFTER = 300


class WebhookWorker:
    def __init__(self, repo: WebhookRepository, dispatcher: WebhookDispatcher, concurrency: int) -> None:
        self._repo = repo
        self._dispatcher = dispatcher
        self._sem = asyncio.Semaphore(concurrency)

    async def run(self, stop: asyncio.Event) -> None:
        last_reap = 0.0
        while not stop.is_set():
            if time.monotonic() - last_reap > 60:
                reaped = await self._repo.reap_stale(STALE_AFTER)
                if reaped:
                    logger.warning("requeued %d deliveries abandoned in 'sending'", reaped)
                last_reap = time.monotonic()
            batch = await self._repo.claim_due(BATCH)
            if not batch:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=1.0)
                continue
            await asyncio.gather(*(self._deliver(row) for row in batch))

    async def _deliver(self, row: asyncpg.Record) -> None:
        async with self._sem:
            try:
                await self._dispatcher.deliver(row)
            except Exception:
                logger.exception("delivery %s crashed; the reaper will requeue it", row["id"])


async def run_webhook_worker(stop: asyncio.Event, *, concurrency: int = 8) -> None:
    ctx = await build_context()
    repo = WebhookRepository(ctx.pg)
    worker = WebhookWorker(repo, WebhookDispatcher(repo, ctx.http, ctx.settings), concurrency)
    try:
        await worker.run(stop)
    finally:
        await ctx.aclose()
