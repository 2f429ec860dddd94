"""TRID deadline tracking: escalate disclosures approaching their regulatory due date."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import datetime, timedelta, timezone

from ..cache import get_redis
from ..cache.locks import try_leader
from ..db import get_sessionmaker
from ..repositories import DisclosureRepository

log = logging.getLogger(__name__)

HOLDER = f"{socket.gethostname()}:{os.getpid()}"
ESCALATION_WINDOW = timedelta(hours=24)


async def escalate_due(now: datetime) -> int:
    async with get_sessionmaker()() as session:
        repo = DisclosureRepository(session)
        due = await repo.due_before(now + ESCALATION_WINDOW)
        for disclosure in due:
            log.warning(
                "TRID %s for application %s due at %s",
                disclosure.kind, disclosure.application_id, disclosure.due_at.isoformat(),
            )
        return len(due)


async def run_trid_timers(interval: int) -> None:
    redis = get_redis()
    while True:
        if await try_leader(redis, "trid-timers", HOLDER, ttl_s=interval * 2):
            await escalate_due(datetime.now(timezone.utc))
        await asyncio.sleep(interval)
