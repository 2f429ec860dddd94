"""Purges old waiting-room events and stale refill requests."""
from __future__ import annotations

import logging

from svc.db.pg import pool

log = logging.getLogger(__name__)

BATCH = 5000


async def purge_waiting_room_events(days: int = 30) -> int:
    removed = 0
    async with pool().acquire() as conn:
        while True:
            status = await conn.execute(
                """
                DELETE FROM waiting_room_events
                WHERE id IN (
                    SELECT id FROM waiting_room_events
                    WHERE created_at < now() - make_interval(days => $1)
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED
                )
                """,
                days,
                BATCH,
            )
            count = int(status.split()[-1])
            removed += count
            if count < BATCH:
                break
    log.info("purged %d waiting-room events", removed)
    return removed


async def expire_refill_requests(days: int = 14) -> int:
    async with pool().acquire() as conn:
        status = await conn.execute(
            "UPDATE refill_requests SET status = 'expired' "
            "WHERE status = 'requested' AND requested_at < now() - make_interval(days => $1)",
            days,
        )
    return int(status.split()[-1])
