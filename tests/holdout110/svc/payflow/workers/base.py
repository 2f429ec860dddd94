from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import Awaitable, Callable

import structlog

from payflow.cache.redis_client import close_redis
from payflow.db.engine import dispose_engine
from payflow.logging_config import configure_logging

log = structlog.get_logger(__name__)


class GracefulExit:
    def __init__(self) -> None:
        self.event = asyncio.Event()

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.event.set)

    @property
    def stopping(self) -> bool:
        return self.event.is_set()

    async def sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.event.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass


class Heartbeat:
    """Writes a liveness key the orchestrator's probe reads; expires if the loop stalls."""

    def __init__(self, name: str, ttl: int = 90) -> None:
        self.key = f"payflow:heartbeat:{name}:{socket.gethostname()}:{os.getpid()}"
        self.ttl = ttl
        self._task: asyncio.Task | None = None

    async def _beat(self) -> None:
        from payflow.cache.redis_client import get_redis

        redis = get_redis()
        while True:
            try:
                await redis.set(self.key, "1", ex=self.ttl)
            except Exception:
                log.warning("heartbeat_failed", key=self.key, exc_info=True)
            await asyncio.sleep(self.ttl / 3)

    def start(self) -> None:
        self._task = asyncio.create_task(self._beat(), name=f"heartbeat:{self.key}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def run_worker(name: str, main: Callable[[GracefulExit], Awaitable[None]]) -> None:
    configure_logging()

    async def _runner() -> None:
        exit_ = GracefulExit()
        exit_.install()
        log.info("worker_started", worker=name)
        heartbeat = Heartbeat(name)
        heartbeat.start()
        try:
            await main(exit_)
        finally:
            await heartbeat.stop()
            await close_redis()
            await dispose_engine()
            log.info("worker_stopped", worker=name)

    asyncio.run(_runner())
