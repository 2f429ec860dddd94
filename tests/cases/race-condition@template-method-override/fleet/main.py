import asyncio
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from fleet.base import Command, Poller
from fleet.odometer import AddDistance, AddFuel, MileagePoller


class Workers:
    def __init__(self, poller: Poller) -> None:
        self._poller = poller
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._poller.run())


@asynccontextmanager
async def lifespan(app: FastAPI):
    Workers(MileagePoller()).start()
    yield


app = FastAPI(lifespan=lifespan)


def fuel_command() -> Command:
    return AddFuel()


def distance_command() -> Command:
    return AddDistance()


@app.post("/vehicles/{vehicle_id}/fuel")
async def add_fuel(vehicle_id: str, litres: int, command: Command = Depends(fuel_command)) -> dict:
    return await command.execute(vehicle_id, litres)


@app.post("/vehicles/{vehicle_id}/distance")
async def add_distance(vehicle_id: str, km: int, command: Command = Depends(distance_command)) -> dict:
    return await command.execute(vehicle_id, km)
