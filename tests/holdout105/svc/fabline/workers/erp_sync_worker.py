"""ERP synchronisation worker: drains the outbox and pulls the lot master."""
from __future__ import annotations

import asyncio
import logging
import time

from fabline.core.container import Container
from fabline.core.errors import ErpError
from fabline.workers.common import install_stop_event, leader_lock, sleep_or_stop, worker_container

logger = logging.getLogger("fabline.workers.erp_sync")


async def sync_once(container: Container) -> int:
    sent = await container.erp_service.push_pending(batch=100)
    if sent:
        container.erp_service.outbox.mark_sent(sent)
    return len(sent)


async def pull_master(container: Container) -> None:
    async with leader_lock(container.redis, "erp-lot-master", ttl=120) as leader:
        if not leader:
            return
        since = await container.redis.get("erp:lot_master:since") or "1970-01-01T00:00:00Z"
        lots = await container.erp_service.pull_lot_master(since)
        if lots:
            await container.redis.set("erp:lot_master:since", lots[-1]["changed_at"])
        logger.info("pulled %d lot master changes", len(lots))


async def main() -> None:
    async with worker_container() as container:
        stop = install_stop_event()
        backoff = 1.0
        while not stop.is_set():
            try:
                n = await sync_once(container)
                await pull_master(container)
                backoff = 1.0
                logger.info("erp sync sent %d", n)
            except ErpError:
                logger.exception("erp sync failed; backing off %.0fs", backoff)
                time.sleep(backoff)
                backoff = min(backoff * 2, 60)
                continue
            await sleep_or_stop(stop, container.settings.erp_sync_interval_s)


if __name__ == "__main__":
    asyncio.run(main())
