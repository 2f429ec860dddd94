"""Relay pumps: each forwards buffered frames upstream whenever it is woken."""
import asyncio

import httpx
from aiorpcx import RPCSession, TaskGroup
from signals import Signal


class RelayGroup(TaskGroup):
    """The relay's own task group: it keeps every pump it spawns."""


class RelaySession(RPCSession):
    """The upstream session: pumps it serves run in the relay's group."""

    def __init__(self, group: RelayGroup) -> None:
        super().__init__()
        self.taskgroup = group


class Pump:
    def __init__(self, client: httpx.AsyncClient, wake: Signal) -> None:
        self._client = client
        self._wake = wake
        self.frames: list[bytes] = []

    async def forward(self) -> None:
        while True:
            await self._wake.wait()
            await self._client.post("/frames", content=b"".join(self.frames))  # expect: no-recovery
            self.frames.clear()

    async def forward_kept(self) -> None:
        while True:
            await self._wake.wait()
            await self._client.post("/frames", content=b"".join(self.frames))
            self.frames.clear()

    async def forward_grouped(self) -> None:
        while True:
            await self._wake.wait()
            await self._client.post("/frames", content=b"".join(self.frames))
            self.frames.clear()

    async def trim(self) -> None:
        while True:
            await self._wake.wait()
            del self.frames[:-100]


class Relay:
    def __init__(self, client: httpx.AsyncClient, wake, session: RPCSession) -> None:
        self.pump = Pump(client, wake)
        self.session = session
        self.tasks = asyncio.TaskGroup()
        self.loose: asyncio.Task | None = None
        self.trimmer: asyncio.Task | None = None

    async def start(self) -> None:
        self.loose = asyncio.create_task(self.pump.forward())
        self.trimmer = asyncio.create_task(self.pump.trim())
        if isinstance(self.session, RelaySession):
            registration = self.session.taskgroup.spawn(self.pump.forward_kept())
            self.registered = asyncio.get_running_loop().create_task(registration)
        self.tasks.create_task(self.pump.forward_grouped())
