"""Polls the reference lab for completed orders and ingests their results."""
from __future__ import annotations

import asyncio
import logging
import time

from svc.clients.lab_api import lab_client
from svc.config import get_settings
from svc.db.engine import session_scope
from svc.redis_client import get_redis
from svc.services.labs import ingest_completed
from svc.utils.locks import LockNotAcquired, redis_lock

log = logging.getLogger(__name__)

CURSOR_KEY = "labs:poll-cursor"
PAGE_PAUSE_SECONDS = 2


async def poll_once() -> int:
    r = get_redis()
    client = lab_client()
    cursor = await r.get(CURSOR_KEY)
    total = 0
    while True:
        refs, next_cursor = await client.list_completed_since(cursor)
        if refs:
            async with session_scope() as session:
                total += await ingest_completed(session, client, refs)
        if next_cursor:
            await r.set(CURSOR_KEY, next_cursor)
        if not next_cursor or next_cursor == cursor:
            break
        cursor = next_cursor
        time.sleep(PAGE_PAUSE_SECONDS)
    return total


async def run_forever() -> None:
    interval = get_settings().lab_poll_seconds
    while True:
        try:
            async with redis_lock(get_redis(), "lab-poller", ttl_ms=interval * 1000):
                stored = await poll_once()
                log.info("lab poll stored %d result sets", stored)
        except LockNotAcquired:
            pass
        except Exception:
            log.exception("lab poll failed")
            continue
        await asyncio.sleep(interval)
