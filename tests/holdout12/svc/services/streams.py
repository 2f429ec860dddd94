"""Live streams: ingest key checks, go-live notifications and live stats."""
import asyncio
import logging
import secrets
import uuid

import bcrypt
from redis.asyncio import Redis
from starlette.concurrency import run_in_threadpool

from svc.clients.notify import PushClient
from svc.errors import EntitlementDenied
from svc.services.subscriptions import SubscriptionService

logger = logging.getLogger(__name__)

LIVE_TTL_S = 300


class StreamService:
    def __init__(self, redis: Redis, push: PushClient, subscriptions: SubscriptionService) -> None:
        self._redis = redis
        self._push = push
        self._subscriptions = subscriptions

    async def rotate_stream_key(self, creator_id: uuid.UUID) -> tuple[str, bytes]:
        raw = secrets.token_urlsafe(32)
        hashed = await run_in_threadpool(bcrypt.hashpw, raw.encode(), bcrypt.gensalt(rounds=12))
        return raw, hashed

    async def verify_ingest(self, creator_id: uuid.UUID, presented: str, stored_hash: bytes) -> None:
        if not bcrypt.checkpw(presented.encode(), stored_hash):
            logger.warning("ingest key rejected", extra={"creator_id": str(creator_id)})
            raise EntitlementDenied("invalid stream key")

    async def go_live(self, creator_id: uuid.UUID, stream_id: str, title: str) -> int:
        await self._redis.set(f"live:{stream_id}:creator", str(creator_id), ex=LIVE_TTL_S)
        subscriber_ids = await self._subscriptions.follower_ids(creator_id)
        link = f"streamhub://live/{stream_id}"
        await asyncio.gather(*(self._push.send(uid, "Live now", title, link) for uid in subscriber_ids))
        return len(subscriber_ids)

    async def live_stats(self, stream_id: str) -> dict[str, int]:
        viewers, messages = await self._redis.mget(f"live:{stream_id}:viewers", f"live:{stream_id}:messages")
        return {"viewers": int(viewers or 0), "messages": int(messages or 0)}

    async def viewer_joined(self, stream_id: str) -> None:
        await self._redis.incr(f"live:{stream_id}:viewers")
