"""Floor plans and live floor events: layouts, artwork, and fan-out of changes to host stands via redis pub/sub."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import redis.asyncio as redis

from svc.config import settings
from svc.repositories.tables import TableRepository

log = logging.getLogger(__name__)

CHANNEL = "floor-events"

Deliver = Callable[[int, dict], Awaitable[None]]


class FloorEventBus:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._local: asyncio.Queue[tuple[int, dict]] = asyncio.Queue()
        self._listener: asyncio.Task | None = None
        self._pump: asyncio.Task | None = None

    async def publish_floor_update(self, restaurant_id: int, event: dict) -> None:
        await self._redis.publish(CHANNEL, json.dumps({"restaurant_id": restaurant_id, "event": event}))

    def enqueue_local(self, restaurant_id: int, event: dict) -> None:
        self._local.put_nowait((restaurant_id, event))

    async def start(self, deliver: Deliver) -> None:
        self._listener = asyncio.create_task(self._listen(), name="floor-events-listener")
        self._pump = asyncio.create_task(self._drain(deliver), name="floor-events-pump")

    async def _listen(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    backoff = 1.0
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        data = json.loads(message["data"])
                        self.enqueue_local(int(data["restaurant_id"]), data["event"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("floor event subscription dropped; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _drain(self, deliver: Deliver) -> None:
        while True:
            restaurant_id, event = await self._local.get()
            try:
                await deliver(restaurant_id, event)
            except Exception:
                log.exception("delivering floor event to restaurant %s failed", restaurant_id)
            finally:
                self._local.task_done()

    async def stop(self) -> None:
        for task in (self._listener, self._pump):
            if task is not None:
                task.cancel()
        await asyncio.gather(*(t for t in (self._listener, self._pump) if t is not None), return_exceptions=True)



_layout_overrides: dict[int, dict[str, dict]] = {}


def set_override(restaurant_id: int, label: str, patch: dict) -> None:
    _layout_overrides.setdefault(restaurant_id, {})[label] = patch


def _read_bytes(path: Path) -> bytes:
    return path.read_bytes()


class FloorPlanService:
    def __init__(self, tables: TableRepository, cache: redis.Redis) -> None:
        self.tables = tables
        self.redis = cache
        self._layouts: dict[int, dict] = {}
        self._mutex = threading.Lock()

    async def layout(self, restaurant_id: int) -> dict:
        if restaurant_id in self._layouts:
            return self._layouts[restaurant_id]
        rows = await self.tables.list_tables(restaurant_id)
        overrides = _layout_overrides.get(restaurant_id, {})
        layout = {
            "restaurant_id": restaurant_id,
            "tables": [
                {"id": t.id, "label": t.label, "section": t.section, "capacity": t.capacity, "x": t.x, "y": t.y,
                 **overrides.get(t.label, {})}
                for t in rows
            ],
        }
        self._layouts[restaurant_id] = layout
        return layout

    async def layout_snapshot(self, restaurant_id: int) -> dict:
        return copy.deepcopy(await self.layout(restaurant_id))

    async def live_overlay(self, restaurant_id: int) -> dict:
        layout = await self.layout(restaurant_id)
        keys = [f"table:{t['id']}:status" for t in layout["tables"]]
        values = await self.redis.mget(keys) if keys else []
        for table, raw in zip(layout["tables"], values):
            table["live"] = json.loads(raw) if raw else {"state": "free"}
        return layout

    async def reload(self, restaurant_id: int) -> dict:
        with self._mutex:
            self._layouts.pop(restaurant_id, None)
            fresh = await self.layout(restaurant_id)
        return fresh

    async def artwork_svg(self, restaurant_id: int) -> str:
        path = Path(settings.floor_plan_dir) / f"{restaurant_id}.svg"
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    async def artwork_png(self, restaurant_id: int) -> bytes:
        path = Path(settings.floor_plan_dir) / f"{restaurant_id}.png"
        return await asyncio.to_thread(_read_bytes, path)
