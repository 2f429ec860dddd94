from __future__ import annotations

import json
import logging

from redis.asyncio import Redis

from ..services.delivery import DeliveryService

log = logging.getLogger(__name__)

QUEUE = "deliveries"
DEAD_LETTER = "deliveries:dead"

STATS = {"processed": 0, "failed": 0}


async def run(redis: Redis, delivery: DeliveryService) -> None:
    while True:
        item = await redis.brpop([QUEUE], timeout=1)
        if item is None:
            continue
        _, raw = item
        try:
            job = json.loads(raw)
            order_id = int(job["order_id"])
        except:
            log.warning("dropping malformed delivery job %r", raw)
            continue
        try:
            await delivery.deliver_order(order_id)
            STATS["processed"] += 1
        except Exception:
            STATS["failed"] += 1
            log.exception("delivery of order %s failed; moved to dead letter queue", order_id)
            await redis.lpush(DEAD_LETTER, raw)
