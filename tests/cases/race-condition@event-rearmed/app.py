import asyncio

from fastapi import FastAPI

app = FastAPI()


class Pump:
    """Pauses until resumed; the event is re-armed after each wait."""

    def __init__(self):
        self.__resume: asyncio.Event | None = None
        self._ready = asyncio.Event()
        self._paused = False
        self._counts: dict[str, int] = {}

    def start(self):
        self.__resume = asyncio.Event()

    async def step(self, name: str):
        if self._paused and self.__resume:
            await self.__resume.wait()
            self.__resume.clear()
            self._paused = False
        if self._ready:
            await self._ready.wait()
            self._ready.clear()
        if name not in self._counts:  # expect: race-condition
            await asyncio.sleep(0.1)
            self._counts[name] = 1
        return name

    async def load(self):
        if not self._ready.is_set():  # expect: race-condition
            await asyncio.sleep(0.1)
            self._ready.set()

    async def resume(self):
        if not self._ready.is_set():
            await self._ready.wait()
            self._ready.set()


PUMP = Pump()


@app.get("/step/{name}")
async def step(name: str):
    return await PUMP.step(name)
