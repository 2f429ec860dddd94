from __future__ import annotations

import asyncio
import copy
import json
import logging
import threading
from collections import Counter
from datetime import datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from ..repositories.avl import AvlRepository
from ..utils.geo import grid_cell
from .console_bus import ConsoleBus

log = logging.getLogger(__name__)

LATEST_KEY = "avl:latest"


def _parse(item: dict[str, Any]) -> tuple:
    return (
        int(item["unit_id"]),
        datetime.fromisoformat(item["ts"]),
        float(item["lat"]),
        float(item["lon"]),
        float(item.get("speed") or 0.0),
        int(item.get("heading") or 0),
    )


class AvlService:
    """Receives vehicle GPS batches from the AVL gateway."""

    def __init__(self, repo: AvlRepository, redis: aioredis.Redis, bus: ConsoleBus) -> None:
        self._repo = repo
        self._redis = redis
        self._bus = bus
        self._queue: asyncio.Queue[list[tuple]] = asyncio.Queue()
        self._state_lock = threading.Lock()
        self._latest: dict[int, dict[str, Any]] = {}

    async def ingest(self, batch: list[dict[str, Any]]) -> int:
        rows: list[tuple] = []
        for item in batch:
            try:
                rows.append(_parse(item))
            except (KeyError, ValueError):
                continue
        if not rows:
            return 0
        await self._queue.put(rows)
        with self._state_lock:
            for unit_id, ts, lat, lon, speed, heading in rows:
                self._latest[unit_id] = {"lat": lat, "lon": lon, "ts": ts.isoformat(), "speed": speed}
            await self._redis.hset(LATEST_KEY, mapping={str(k): json.dumps(v) for k, v in self._latest.items()})
        snapshot = copy.deepcopy(self._latest)
        density = Counter(grid_cell(p["lat"], p["lon"]) for p in snapshot.values())
        await self._bus.publish("avl.density", {"cells": dict(density.most_common(50))})
        return len(rows)

    async def run_writer(self) -> None:
        while True:
            rows = await self._queue.get()
            try:
                await self._repo.insert_positions(rows)
            except Exception:
                log.exception("failed to persist %d AVL rows", len(rows))
            finally:
                self._queue.task_done()

    async def latest_positions(self) -> dict[str, dict[str, Any]]:
        raw = await self._redis.hgetall(LATEST_KEY)
        return {k: json.loads(v) for k, v in raw.items()}

    async def positions_for_map(self) -> dict[str, dict[str, Any]]:
        try:
            return await self.latest_positions()
        except RedisError:
            log.warning("redis unavailable; serving AVL map from database")
            rows = await self._repo.latest_positions()
            return {str(r["unit_id"]): {"lat": r["lat"], "lon": r["lon"], "ts": r["last_avl_at"].isoformat()}
                    for r in rows if r["last_avl_at"] is not None}
