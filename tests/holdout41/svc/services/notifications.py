from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

import redis.asyncio as redis
from sqlalchemy import select

from svc.clients.messaging import PushClient
from svc.db.connections import sessionmaker
from svc.db.models import User
from svc.observability import DROPPED_NOTIFICATIONS
from svc.repositories import notifications_repo
from svc.ws.manager import ConnectionManager


log = logging.getLogger(__name__)

PUSH_TITLES = {
    "follow": "New follower",
    "comment": "New comment",
    "mention": "You were mentioned",
    "like": "Someone liked your post",
    "new_post": "New post",
}


@dataclass(frozen=True)
class PushJob:
    user_id: int
    kind: str
    payload: dict


class NotificationService:
    """Persists notifications, relays them to live sockets and falls back to mobile push."""

    def __init__(self, client: redis.Redis, push: PushClient, manager: ConnectionManager, queue_size: int = 2000) -> None:
        self.redis = client
        self.push = push
        self.manager = manager
        self._push_queue: asyncio.Queue[PushJob] = asyncio.Queue(maxsize=queue_size)

    async def _publish(self, user_id: int, message: dict) -> None:
        try:
            await self.redis.publish(f"notify:user:{user_id}", json.dumps(message))
        except redis.RedisError:
            pass

    def _enqueue_push(self, job: PushJob) -> None:
        try:
            self._push_queue.put_nowait(job)
        except asyncio.QueueFull:
            DROPPED_NOTIFICATIONS.labels("push_queue_full").inc()

    async def notify(self, user_id: int, kind: str, payload: dict) -> int:
        async with sessionmaker()() as session:
            note_id = await notifications_repo.create(session, user_id, kind, payload)
            await session.commit()
        await self._publish(user_id, {"id": note_id, "kind": kind, "payload": payload})
        if user_id not in self.manager.local_users():
            self._enqueue_push(PushJob(user_id, kind, payload))
        return note_id

    async def notify_mentions(self, author: User, post_id: int, handles: list[str]) -> None:
        handles = handles[:10]
        async with sessionmaker()() as session:
            rows = await session.scalars(select(User.id).where(User.handle.in_(handles), User.id != author.id))
            user_ids = list(rows)
            await notifications_repo.create_many(
                session,
                [{"user_id": uid, "kind": "mention", "payload": {"post_id": post_id, "from": author.id}} for uid in user_ids],
            )
            await session.commit()
        for uid in user_ids:
            await self._publish(uid, {"kind": "mention", "payload": {"post_id": post_id, "from": author.id}})

    async def notify_followers(self, author_id: int, post_id: int, follower_ids: list[int]) -> None:
        payload = {"post_id": post_id, "from": author_id}
        await asyncio.gather(*(self.notify(uid, "new_post", payload) for uid in follower_ids))

    async def push_worker(self) -> None:
        while True:
            job = await self._push_queue.get()
            try:
                await self.push.send(job.user_id, PUSH_TITLES.get(job.kind, "Notification"), "", job.payload)
            except Exception:
                log.exception("push delivery failed for user %s", job.user_id)
            finally:
                self._push_queue.task_done()
