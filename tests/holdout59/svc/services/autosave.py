"""Debounced answer autosave; redis keeps the latest draft so a reconnecting client can resume."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
import time
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.engine import SessionLocal
from svc.metrics import AUTOSAVES
from svc.repositories.attempts import AttemptRepository
from svc.services.timers import AttemptTimers

logger = logging.getLogger(__name__)

GRACE_SECONDS = 10
_background: set[asyncio.Task] = set()
_plagiarism_slots = asyncio.Semaphore(8)


class AttemptClosed(Exception):
    pass


class AutosaveService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self._redis = redis
        self._attempts = AttemptRepository(session)
        self._timers = AttemptTimers(redis)

    async def save(self, student_id: int, attempt_id: int, question_id: int, variant_id: int,
                   response: dict[str, Any], version: int, *, final: bool = False) -> bool:
        attempt = await self._attempts.get_attempt(attempt_id)
        if attempt is None or attempt.student_id != student_id:
            raise AttemptClosed("unknown attempt")
        deadline = await self._timers.deadline(attempt_id)
        if deadline is None or time.time() > deadline + GRACE_SECONDS:
            AUTOSAVES.labels(outcome="late").inc()
            raise AttemptClosed("time is up")

        draft = copy.deepcopy(response)
        await self._redis.hset(f"attempt:{attempt_id}:drafts", str(question_id), json.dumps({"v": version, "r": draft}))

        stored = await self._attempts.upsert_answer(attempt_id, question_id, variant_id, response, version)
        await self._session.commit()
        AUTOSAVES.labels(outcome="stored" if stored else "stale").inc()

        if final and stored and response.get("kind") == "essay":
            task = asyncio.create_task(_check_originality(attempt_id, question_id))
            _background.add(task)
            task.add_done_callback(_background.discard)
        return stored

    async def drafts(self, attempt_id: int) -> dict[int, dict]:
        raw = await self._redis.hgetall(f"attempt:{attempt_id}:drafts")
        return {int(q): json.loads(v) for q, v in raw.items()}


async def _check_originality(attempt_id: int, question_id: int) -> None:
    from svc.services.plagiarism import PlagiarismService

    async with _plagiarism_slots:
        try:
            async with SessionLocal() as session:
                answer = await AttemptRepository(session).get_answer(attempt_id, question_id)
                if answer is not None:
                    await PlagiarismService(session).check_answer(answer)
        except Exception:
            logger.exception("originality check failed", extra={"attempt_id": attempt_id, "question_id": question_id})
