"""Polls the media API for jobs whose callbacks never arrived."""

from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

from svc.services.transcoding import TranscodingService

logger = logging.getLogger(__name__)


class TranscodePoller:
    LOCK_NAME = "locks:transcode-poller"

    def __init__(self, transcoding: TranscodingService, redis: Redis, interval_seconds: float = 30.0) -> None:
        self._transcoding = transcoding
        self._redis = redis
        self._interval = interval_seconds

    async def run(self) -> None:
        while True:
            lock = self._redis.lock(self.LOCK_NAME, timeout=self._interval * 2, blocking=False)
            if await lock.acquire():
                try:
                    updated = await self._transcoding.refresh_pending()
                    if updated:
                        logger.info("transcode poller updated %d jobs", updated)
                except Exception:
                    logger.exception("transcode poll failed")
                finally:
                    await lock.release()
            await asyncio.sleep(self._interval)
