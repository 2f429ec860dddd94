from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from dispensary.cache.locks import try_become_leader
from dispensary.container import Container, build_container
from dispensary.logging_setup import configure_logging
from dispensary.settings import get_settings
from dispensary.workers.expiry_sweep import expiry_sweep_loop
from dispensary.workers.refill_reminders import RefillReminderJob

logger = logging.getLogger(__name__)

INSTANCE_ID = f"{socket.gethostname()}:{os.getpid()}"
LEADER_TTL_SECONDS = 90


class TaskSet:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            logger.error("background task %s died", task.get_name(), exc_info=exc)

    async def cancel_all(self, timeout: float = 10.0) -> None:
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=timeout)


async def _refill_reminders_when_leader(container: Container) -> None:
    job = RefillReminderJob(container)
    while True:
        if await try_become_leader(container.redis, "refill-reminders", INSTANCE_ID, LEADER_TTL_SECONDS):
            try:
                await job.run_once()
            except Exception:
                logger.exception("refill reminder run failed; retrying next cycle")
        await asyncio.sleep(60)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    container = await build_container(settings)
    app.state.container = container

    background = TaskSet()
    container.chat.start()
    background.spawn(expiry_sweep_loop(container), name="expiry-sweep")
    background.spawn(_refill_reminders_when_leader(container), name="refill-reminders")
    logger.info("dispensary started as %s", INSTANCE_ID)
    try:
        yield
    finally:
        await background.cancel_all()
        await container.aclose()
