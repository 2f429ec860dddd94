"""Retries moderation for photos whose first review was deferred (API down, circuit open)."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from ..utils.common import utcnow
from ..wiring import Container

log = logging.getLogger(__name__)

BATCH = 25
GRACE = timedelta(minutes=5)
IDLE_SLEEP_SECONDS = 30.0


class RemoderationWorker:
    name = "remoderate"

    def __init__(self, container: Container) -> None:
        self.photos = container.photo_repo
        self.service = container.photos

    async def run_forever(self) -> None:
        while True:
            claimed = await self.photos.claim_for_review(older_than=utcnow() - GRACE, limit=BATCH)
            for photo in claimed:
                await self.service.review(photo.id, photo.key)
            if claimed:
                log.info("re-reviewed %d photos", len(claimed))
            else:
                await asyncio.sleep(IDLE_SLEEP_SECONDS)
