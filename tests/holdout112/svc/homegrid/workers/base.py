from __future__ import annotations

import asyncio
import signal
import socket
import time
from typing import Awaitable, Callable

import structlog

from homegrid.config import get_settings
from homegrid.container import Container, build_container
from homegrid.db.pool import get_db
from homegrid.config import configure_logging
from homegrid.redis_client import close_redis, get_redis

log = structlog.get_logger(__name__)


class Stopper:
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


async def heartbeat(container: Container, name: str, stopper: Stopper, interval: float = 15.0) -> None:
    """Liveness key watched by the orchestrator's exec probe."""
    key = f"workers:heartbeat:{name}:{socket.gethostname()}"
    while not stopper.stopping:
        try:
            await container.redis.set(key, str(int(time.time())), ex=int(interval * 4))
        except Exception:
            log.warning("heartbeat_failed", worker=name, exc_info=True)
        await stopper.sleep(interval)


async def _main(body: Callable[[Container, Stopper], Awaitable[None]]) -> None:
    configure_logging()
    container = build_container(get_settings(), get_db(), get_redis())
    await container.start()
    stopper = Stopper()
    stopper.install()
    name = getattr(body, "__module__", "worker").rsplit(".", 1)[-1]
    beat = asyncio.create_task(heartbeat(container, name, stopper), name="heartbeat")
    try:
        await body(container, stopper)
    finally:
        beat.cancel()
        await asyncio.gather(beat, return_exceptions=True)
        await container.close()
        await close_redis()


def run_worker(body: Callable[[Container, Stopper], Awaitable[None]]) -> None:
    asyncio.run(_main(body))
