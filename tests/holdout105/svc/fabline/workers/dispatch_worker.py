"""Dispatch recalculation worker.

Periodically recomputes every tool's queue and serves on-demand recalculation
requests queued by the API (dispatch_requests table).
"""
from __future__ import annotations

import asyncio
import logging

from fabline.core.container import Container
from fabline.workers.common import install_stop_event, leader_lock, sleep_or_stop, worker_container

logger = logging.getLogger("fabline.workers.dispatch")


async def serve_requests(container: Container) -> int:
    requests = await container.dispatch.repo.claim_requests(limit=20)
    for req in requests:
        await container.dispatch.recompute_tool(req["tool_id"])
    return len(requests)


async def publish_wip_snapshot(container: Container) -> None:
    async with leader_lock(container.redis, "wip-snapshot", ttl=300) as leader:
        if not leader:
            return
        counts = {}
        async with container.sessions() as session:
            from fabline.repositories.lot_repo import LotRepository

            counts = await LotRepository(session).count_by_status()
        await container.redis.hset("wip:snapshot", mapping={k: str(v) for k, v in counts.items()})


async def main() -> None:
    async with worker_container() as container:
        stop = install_stop_event()
        interval = container.settings.dispatch_interval_s
        while not stop.is_set():
            try:
                n_tools = await container.dispatch.recompute_all()
                served = await serve_requests(container)
                await publish_wip_snapshot(container)
                logger.info("dispatch cycle: %d tools, %d requests", n_tools, served)
            except Exception:
                logger.exception("dispatch cycle failed")
            await sleep_or_stop(stop, interval)


if __name__ == "__main__":
    asyncio.run(main())
