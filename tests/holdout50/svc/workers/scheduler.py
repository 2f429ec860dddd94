from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI

from ..config import Settings
from .reconciliation import ReconciliationWorker
from .rental_return_sweeper import RentalReturnSweeper
from .wait_time_publisher import LiftTelemetryReader, WaitTimePublisher
from .weather_ingest import WeatherIngestWorker

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    backoff = 1.0
    while True:
        try:
            await factory()
            log.warning("worker %s returned, restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed", name)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, 60.0)


class Scheduler:
    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self._app = app
        self._settings = settings
        self._tasks: list[asyncio.Task] = []

    def start(self) -> None:
        redis = self._app.state.redis
        jobs: dict[str, Callable[[], Awaitable[None]]] = {
            "wait-times": WaitTimePublisher(redis).run,
            "telemetry": LiftTelemetryReader(self._settings, redis).run,
            "weather": WeatherIngestWorker(self._app.state.weather, self._settings).run,
            "reconciliation": ReconciliationWorker(self._settings).run_forever,
            "rental-sweeper": RentalReturnSweeper(redis).run,
        }
        for name, factory in jobs.items():
            self._tasks.append(asyncio.create_task(supervise(name, factory), name=name))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
