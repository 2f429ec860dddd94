"""Periodic jobs that run inside every API replica."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from svc.clients.lms import LmsClient
from svc.db.engine import SessionLocal
from svc.services.attempts import AttemptService
from svc.services.grade_export import GradeExportService
from svc.services.plagiarism import PlagiarismService
from svc.services.question_bank import QuestionBankService
from svc.redis_client import LockNotAcquired, redis_lock

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


class Scheduler:
    def __init__(self, redis: Redis, lms: LmsClient, bank: QuestionBankService) -> None:
        self._redis = redis
        self._lms = lms
        self._bank = bank
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task] = []

    def start(self, fanout: Job) -> None:
        self._spawn("expire-attempts", self._expire_attempts, 30)
        self._spawn("grade-export", self._export_grades, 60)
        self._spawn("plagiarism-poll", self._poll_plagiarism, 45)
        self._tasks.append(asyncio.create_task(self._keep_alive("proctor-fanout", fanout), name="proctor-fanout"))

    def _spawn(self, name: str, job: Job, interval: float) -> None:
        self._tasks.append(asyncio.create_task(self._every(name, job, interval), name=name))

    async def _every(self, name: str, job: Job, interval: float) -> None:
        while not self._stopping.is_set():
            try:
                await job()
            except Exception:
                logger.exception("scheduled job %s failed", name)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=interval)
            except asyncio.TimeoutError:
                pass

    async def _keep_alive(self, name: str, factory: Job) -> None:
        while True:
            try:
                await factory()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("%s crashed; restarting", name)

    async def _expire_attempts(self) -> None:
        try:
            async with redis_lock(self._redis, "expire-attempts", ttl_ms=25_000):
                async with SessionLocal() as session:
                    closed = await AttemptService(session, self._redis, self._lms, self._bank).expire_overdue()
        except LockNotAcquired:
            return
        if closed:
            logger.info("expired %d overdue attempts", closed)

    async def _export_grades(self) -> None:
        async with SessionLocal() as session:
            await GradeExportService(session, self._lms).export_pending()

    async def _poll_plagiarism(self) -> None:
        async with SessionLocal() as session:
            await PlagiarismService(session).poll_pending()

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
