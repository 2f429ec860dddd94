"""The base every polling worker extends."""
from __future__ import annotations

from jobs.container import Container


class PollingWorker:
    def __init__(self, container: Container) -> None:
        self.container = container

    async def tick(self) -> None:
        raise NotImplementedError
