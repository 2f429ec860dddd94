from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as aioredis

from sqlalchemy.ext.asyncio import AsyncSession

from ..core.errors import DomainError
from ..models import User
from ..repositories.discussions import DiscussionRepository
from ..repositories.outbox import OutboxRepository
from ..repositories.users import UserRepository

log = logging.getLogger(__name__)

class Notifier:
    def __init__(self, redis: aioredis.Redis, outbox: OutboxRepository, users: UserRepository) -> None:
        self.redis = redis
        self.outbox = outbox
        self.users = users

    def subject_for(self, submission_number: int) -> str:
        return f"[confer] New comment on submission #{submission_number}"

    async def thread_updated(self, submission_id: int, number: int, author_id: int, participants: list[int]) -> None:
        await self.redis.publish(
            f"discussion:{submission_id}", json.dumps({"submission_id": submission_id, "author_id": author_id})
        )
        recipients = [uid for uid in participants if uid != author_id]
        if not recipients:
            return
        subject = self.subject_for(number)
        for user in await self.users.by_ids(recipients):
            await self.outbox.enqueue(None, "discussion", user.email, subject, "A new comment was posted.")
        log.info("discussion %s: notified %d participants", submission_id, len(recipients))


_background: set[asyncio.Task] = set()


def _log_failure(task: asyncio.Task) -> None:
    _background.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("background notification failed", exc_info=task.exception())


class DiscussionService:
    def __init__(self, session: AsyncSession, notifier: Notifier) -> None:
        self.session = session
        self.repo = DiscussionRepository(session)
        self.notifier = notifier

    async def thread(self, submission_id: int) -> list[dict]:
        posts = await self.repo.thread(submission_id)
        return [
            {"id": p.id, "author_id": p.author_id, "parent_id": p.parent_id, "body": p.body,
             "created_at": p.created_at.isoformat()}
            for p in posts
        ]

    async def post(self, submission_id: int, number: int, author: User, body: str, parent_id: int | None) -> dict:
        if not body.strip():
            raise DomainError("empty comment")
        post = await self.repo.add_post(submission_id, author.id, body.strip(), parent_id)
        await self.session.commit()
        participants = await self.repo.participants(submission_id)
        self.notifier.thread_updated(submission_id, number, author.id, participants)
        return {"id": post.id}

    async def announce(self, submission_id: int, number: int, chair: User, body: str) -> dict:
        post = await self.repo.add_post(submission_id, chair.id, body.strip(), None)
        await self.session.commit()
        participants = await self.repo.participants(submission_id)
        task = asyncio.create_task(self.notifier.thread_updated(submission_id, number, chair.id, participants))
        _background.add(task)
        task.add_done_callback(_log_failure)
        log.info("chair %s announced on %s: %s", chair.id, submission_id, self.notifier.subject_for(number))
        return {"id": post.id}
