"""Recomputes reviewer assignments for tracks whose bids or conflicts changed.

Bid/conflict changes arrive on the ``assignments:dirty`` Redis stream; every
ten minutes stale tracks are re-solved.  Run with
``python -m confer.workers.recompute_assignments``.
"""
from __future__ import annotations

import asyncio
import logging

from ..core.container import Container
from ..repositories.conferences import ConferenceRepository
from .runner import run_periodic

log = logging.getLogger(__name__)

STREAM = "assignments:dirty"
GROUP = "recompute"


async def _drain_events(container: Container) -> None:
    try:
        await container.redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except Exception as exc:
        if "BUSYGROUP" not in str(exc):
            raise
    entries = await container.redis.xreadgroup(GROUP, "recompute-1", {STREAM: ">"}, count=100, block=1000)
    async with container.sessionmaker() as session:
        repo = ConferenceRepository(session)
        for _stream, messages in entries or []:
            for message_id, fields in messages:
                repo.mark_stale(int(fields["track_id"]))
                await container.redis.xack(STREAM, GROUP, message_id)


async def recompute(container: Container) -> None:
    await _drain_events(container)
    async with container.sessionmaker() as session:
        stale = await ConferenceRepository(session).stale_tracks()
    for track_id in stale:
        count = await container.assignments.recompute_for_track(track_id)
        log.info("recomputed track %s -> %d assignments", track_id, count)


async def main() -> None:
    await run_periodic("recompute-assignments", recompute, interval=600)


if __name__ == "__main__":
    asyncio.run(main())
