"""Consumes auto-refill jobs queued by the pharmacy portal and prints labels."""
from __future__ import annotations

import json
import logging

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError, TimeoutError as RedisTimeoutError

from svc.services.pharmacy import PharmacyService

logger = logging.getLogger(__name__)

QUEUE_KEY = "pharmacy:auto-refills"
DEAD_LETTER_KEY = "pharmacy:auto-refills:dead"


class RefillWorker:
    def __init__(self, redis: Redis, pharmacy: PharmacyService) -> None:
        self.redis = redis
        self.pharmacy = pharmacy

    async def handle(self, job: dict) -> None:
        remaining = await self.pharmacy.auto_refill(job["prescription_id"])
        if remaining is None:
            logger.info("auto-refill skipped, none left", extra={"prescription_id": job["prescription_id"]})
            return
        await self.pharmacy.print_label(job["label"])

    async def run(self) -> None:
        while True:
            try:
                item = await self.redis.blpop(QUEUE_KEY, timeout=30)
            except (RedisConnectionError, RedisTimeoutError) as exc:
                logger.warning("refill queue read failed: %s", exc)
                continue
            if item is None:
                continue
            _, raw = item
            try:
                await self.handle(json.loads(raw))
            except BaseException:
                await self.redis.rpush(DEAD_LETTER_KEY, raw)
                raise
