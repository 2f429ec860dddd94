"""Deletes artifacts older than the org's retention period."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import delete, text

from svc.clients.object_store import ObjectStore
from svc.db.engine import SessionFactory
from svc.db.models import Artifact
from svc.utils.common import utcnow

logger = logging.getLogger(__name__)

RETENTION_DAYS = 30
SWEEP_SECONDS = 6 * 3600


async def sweep(store: ObjectStore) -> int:
    cutoff = utcnow() - timedelta(days=RETENTION_DAYS)
    async with SessionFactory() as session:
        rows = await session.execute(
            text("SELECT id, storage_key FROM artifacts WHERE created_at < :cutoff"),
            {"cutoff": cutoff},
        )
        expired = rows.all()
        if not expired:
            return 0
        await asyncio.gather(*(store.delete_object(key) for _, key in expired))
        await session.execute(delete(Artifact).where(Artifact.id.in_([i for i, _ in expired])))
        await session.commit()
    return len(expired)


async def run_retention(store: ObjectStore, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            removed = await sweep(store)
            if removed:
                logger.info("retention removed %d artifacts", removed)
        except Exception:
            logger.exception("artifact retention sweep failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=SWEEP_SECONDS)
        except asyncio.TimeoutError:
            pass
