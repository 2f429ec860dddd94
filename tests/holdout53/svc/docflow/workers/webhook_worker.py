from __future__ import annotations

import asyncio
import logging
import random
import socket

import httpx

from docflow.clients.webhook_http import deliver
from docflow.config import get_settings
from docflow.observability import WEBHOOK_DELIVERIES
from docflow.repos import webhooks as repo

log = logging.getLogger(__name__)

WORKER = f"webhooks-{socket.gethostname()}"
PARALLEL = 16


def backoff(attempts: int) -> float:
    return min(3600.0, 10.0 * 2**attempts) * random.uniform(0.8, 1.2)


async def _attempt(item: dict, max_attempts: int) -> None:
    attempts = item["attempts"] + 1
    try:
        status = await deliver(item["url"], item["secret"], item["event"], item["payload"])
    except httpx.HTTPError as exc:
        await repo.reschedule(item["id"], attempts, backoff(attempts), repr(exc), attempts >= max_attempts)
        WEBHOOK_DELIVERIES.labels("error").inc()
        return
    if 200 <= status < 300:
        await repo.mark_delivered(item["id"])
        WEBHOOK_DELIVERIES.labels("ok").inc()
    elif attempts >= max_attempts:
        await repo.reschedule(item["id"], attempts, 0, f"http {status}", True)
    else:
        await repo.reschedule(item["id"], attempts, backoff(attempts), f"http {status}", False)
        WEBHOOK_DELIVERIES.labels("retry").inc()


async def run_forever(stop: asyncio.Event) -> None:
    max_attempts = get_settings().webhook_max_attempts
    sem = asyncio.Semaphore(PARALLEL)

    async def guarded(item: dict) -> None:
        async with sem:
            await _attempt(item, max_attempts)

    while not stop.is_set():
        try:
            batch = await repo.claim_due(WORKER)
        except Exception:
            log.exception("claiming webhook deliveries failed")
            await asyncio.sleep(5)
            continue
        if not batch:
            await asyncio.sleep(1)
            continue
        await asyncio.gather(*(guarded(item) for item in batch))
