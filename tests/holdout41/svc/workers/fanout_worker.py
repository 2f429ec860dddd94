"""Consumes the new-post stream and materialises home feeds."""

from __future__ import annotations

import logging
import socket

import asyncpg
import redis.asyncio as redis

from svc.cache.profile_cache import ProfileCache
from svc.config import Settings
from svc.db.connections import sessionmaker
from svc.services.feed import FeedService
from svc.services.notifications import NotificationService


log = logging.getLogger(__name__)

STREAM = "posts:new"
GROUP = "fanout"


class FanoutWorker:
    def __init__(
        self,
        client: redis.Redis,
        pool: asyncpg.Pool,
        profiles: ProfileCache,
        notifications: NotificationService,
        settings: Settings,
    ) -> None:
        self.redis = client
        self.pool = pool
        self.profiles = profiles
        self.notifications = notifications
        self.settings = settings
        self.consumer = f"{socket.gethostname()}-{id(self)}"

    async def _ensure_group(self) -> None:
        try:
            await self.redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def handle(self, fields: dict) -> None:
        post_id = int(fields["post_id"])
        author_id = int(fields["author_id"])
        created_ts = float(fields["ts"])
        async with sessionmaker()() as session:
            feed = FeedService(session, self.pool, self.redis, self.profiles, self.settings)
            delivered = await feed.fan_out(post_id, author_id, created_ts)
        subscribers = [int(uid) for uid in await self.redis.smembers(f"post_subs:{author_id}")]
        if subscribers:
            await self.notifications.notify_followers(author_id, post_id, subscribers)
        log.debug("fanned out post %s to %s feeds", post_id, delivered)

    async def run(self) -> None:
        await self._ensure_group()
        while True:
            resp = await self.redis.xreadgroup(GROUP, self.consumer, {STREAM: ">"}, count=50, block=5000)
            for _stream, entries in resp or []:
                for msg_id, fields in entries:
                    await self.handle(fields)
                    await self.redis.xack(STREAM, GROUP, msg_id)
