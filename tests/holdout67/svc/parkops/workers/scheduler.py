"""Tiny in-process scheduler for periodic jobs with a supervising restart loop."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ..utils.common import CITY_TZ, utcnow

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


@dataclass
class Every:
    seconds: float

    def next_after(self, now: datetime) -> datetime:
        return now + timedelta(seconds=self.seconds)


@dataclass
class DailyAt:
    at: time

    def next_after(self, now: datetime) -> datetime:
        local = now.astimezone(CITY_TZ)
        candidate = datetime.combine(local.date(), self.at, tzinfo=CITY_TZ)
        if candidate <= local:
            candidate += timedelta(days=1)
        return candidate


class Scheduler:
    def __init__(self) -> None:
        self._jobs: list[tuple[str, Every | DailyAt, Job]] = []

    def add(self, name: str, when: Every | DailyAt, job: Job) -> None:
        self._jobs.append((name, when, job))

    async def _run_job(self, name: str, when: Every | DailyAt, job: Job) -> None:
        backoff = 5.0
        while True:
            delay = (when.next_after(utcnow()) - utcnow()).total_seconds()
            await asyncio.sleep(max(0.0, delay))
            try:
                await job()
                backoff = 5.0
            except Exception:
                log.exception("scheduled job %s failed", name)
                await asyncio.sleep(min(backoff, 300.0))
                backoff *= 2

    async def run_forever(self) -> None:
        async with asyncio.TaskGroup() as group:
            for name, when, job in self._jobs:
                group.create_task(self._run_job(name, when, job), name=f"job:{name}")
