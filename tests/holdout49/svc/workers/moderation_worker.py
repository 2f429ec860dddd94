"""Consumes uploaded image ids and asks the ML moderation API to classify them."""
from __future__ import annotations

import logging

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.moderation import ModerationClient, ModerationUnavailable
from svc.db.models import LotImage
from svc.services.images import MODERATION_QUEUE
from svc.utils.storage import read_image_async
from svc.routers.admin import broadcast_admin

log = logging.getLogger(__name__)

BLOCK_THRESHOLD = 0.85


class ModerationWorker:
    def __init__(self, redis: Redis, sessions: async_sessionmaker[AsyncSession], client: ModerationClient) -> None:
        self.redis = redis
        self.sessions = sessions
        self.client = client

    async def handle(self, image_id: int) -> None:
        async with self.sessions() as session, session.begin():
            image = await session.get(LotImage, image_id)
            if image is None or image.moderation_status != "pending":
                return
            path = image.path
        data = await read_image_async(path)
        try:
            labels = await self.client.classify(data)
        except ModerationUnavailable:
            await self.redis.rpush(MODERATION_QUEUE, image_id)
            raise
        verdict = "rejected" if max(labels.values(), default=0.0) >= BLOCK_THRESHOLD else "approved"
        async with self.sessions() as session, session.begin():
            image = await session.get(LotImage, image_id)
            image.moderation_status = verdict
            image.labels = labels
        if verdict == "rejected":
            await broadcast_admin({"type": "image_rejected", "image": image_id, "labels": labels})

    async def run(self) -> None:
        while True:
            try:
                item = await self.redis.blpop(MODERATION_QUEUE, timeout=1)
                if item is None:
                    continue
                await self.handle(int(item[1]))
            except Exception:
                log.exception("moderation loop error")
                continue
