"""Stages brought up together, workers waited on, and one fan-out that does real work."""
from __future__ import annotations

import asyncio
import logging

import httpx

log = logging.getLogger(__name__)


class Stage:
    async def setup(self, options: dict) -> None:
        await asyncio.sleep(0)

    async def cleanup(self) -> None:
        await asyncio.sleep(0)

    async def wait(self) -> None:
        await asyncio.sleep(0)


class Runner:
    def __init__(self) -> None:
        self._children: list[Stage] = []

    def add(self, stage: Stage) -> None:
        self._children.append(stage)

    async def setup_all(self, stages: list[Stage], options: dict) -> None:
        async def setup_one(stage: Stage) -> None:
            try:
                await stage.setup(options)
            except Exception:
                log.exception("stage %s failed to set up", stage)

        await asyncio.gather(*[setup_one(s) for s in stages])

    async def cleanup_all(self, stages: list[Stage]) -> None:
        async def cleanup_one(stage: Stage) -> None:
            try:
                await stage.cleanup()
            except Exception:
                log.exception("stage %s failed to clean up", stage)

        await asyncio.gather(*[cleanup_one(s) for s in stages])

    async def wait_children(self) -> None:
        await asyncio.gather(*(child.wait() for child in self._children))

    async def wait_ready(self, names: list[str]) -> None:
        events = {name: asyncio.Event() for name in names}
        await asyncio.gather(*(ev.wait() for ev in events.values()))

    async def notify_all(self, client: httpx.AsyncClient, hooks: list[str]) -> None:
        async def notify_one(url: str) -> None:
            try:
                await client.post(url, json={"ready": True})
            except httpx.HTTPError:
                log.exception("hook %s failed", url)

        await asyncio.gather(*[notify_one(u) for u in hooks])  # expect: backpressure
