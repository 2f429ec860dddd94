import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from greenhouse.cycles import HarvestForecast, HeartbeatLog, Irrigation, SensorPurge


class Routines:
    def __init__(self) -> None:
        self._stopping = asyncio.Event()
        self._routines = [Irrigation(), SensorPurge(), HarvestForecast(), HeartbeatLog()]
        self._tasks: list[asyncio.Task] = []

    def start(self) -> None:
        for routine in self._routines:
            self._tasks.append(asyncio.create_task(routine.loop(self._stopping)))

    async def stop(self) -> None:
        self._stopping.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)


@asynccontextmanager
async def lifespan(app: FastAPI):
    routines = Routines()
    routines.start()
    yield
    await routines.stop()


app = FastAPI(lifespan=lifespan)
