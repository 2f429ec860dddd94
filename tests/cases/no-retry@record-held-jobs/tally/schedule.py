"""A small scheduler: jobs are records handed to loops that run them."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Awaitable, Callable, Protocol


class Job(Protocol):
    async def run(self) -> None: ...


@dataclass
class AtTime:
    job: Job
    at: time


@dataclass
class Periodic:
    name: str
    fn: Callable[[], Awaitable[None]]
    seconds: float


def seconds_until(at: time) -> float:
    now = datetime.now()
    target = datetime.combine(now.date(), at)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_at(entry: AtTime, stop: asyncio.Event) -> None:
    while not stop.is_set():
        delay = seconds_until(entry.at)
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
            return
        except asyncio.TimeoutError:
            pass
        await entry.job.run()


async def run_periodic(task: Periodic, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await task.fn()
        await asyncio.sleep(task.seconds)
