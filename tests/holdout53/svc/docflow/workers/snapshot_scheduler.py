"""Every few minutes, fold long op logs into snapshots."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from docflow.db.engine import sessionmaker
from docflow.repos.documents import DocumentRepo
from docflow.services.snapshot_service import SnapshotService

log = logging.getLogger(__name__)

INTERVAL = 300


async def snapshot_pass() -> int:
    since = datetime.now(timezone.utc) - timedelta(seconds=INTERVAL * 2)
    taken = 0
    async with sessionmaker()() as session:
        docs = await DocumentRepo(session).stale_candidates(since)
        service = SnapshotService(session)
        for doc in docs:
            if doc.archived and doc.updated_at < since:
                continue
            try:
                if await service.take(doc.id) is not None:
                    taken += 1
            except Exception:
                log.exception("snapshot of %s failed", doc.id)
                await session.rollback()
    return taken


async def run_forever(stop: asyncio.Event) -> None:
    while not stop.is_set():
        taken = await snapshot_pass()
        log.info("snapshot pass done, %d taken", taken)
        try:
            await asyncio.wait_for(stop.wait(), timeout=INTERVAL)
        except asyncio.TimeoutError:
            pass
