from __future__ import annotations

import json
import logging
import uuid

import redis.asyncio as aioredis

from seqcore.errors import Conflict, NotFound
from seqcore.infra.locks import KeyedLocks
from seqcore.repositories.libraries import LibraryRepository
from seqcore.repositories.runs import RunRepository
from seqcore.schemas import RunIn

logger = logging.getLogger(__name__)

RUN_EVENTS = "seqcore:run-events"
LANES_BY_TYPE = {"NovaSeq-S4": 4, "NovaSeq-S1": 2, "NextSeq-P3": 1, "MiSeq-v3": 1}


def _summary(record) -> dict:
    return {
        "id": str(record["id"]),
        "run_number": record["run_number"],
        "instrument_id": record["instrument_id"],
        "flowcell_id": record["flowcell_id"],
        "status": record["status"],
    }


class RunService:
    def __init__(self, runs: RunRepository, libraries: LibraryRepository, redis: aioredis.Redis,
                 locks: KeyedLocks) -> None:
        self._runs = runs
        self._libraries = libraries
        self._redis = redis
        self._locks = locks

    async def register_run(self, body: RunIn) -> dict:
        if body.run_type not in LANES_BY_TYPE:
            raise Conflict(f"unknown run type {body.run_type}")
        last = await self._runs.max_run_number(body.instrument_id)
        record = await self._runs.insert(body.instrument_id, body.flowcell_id, body.run_type, last + 1)
        summary = _summary(record)
        self._redis.publish(RUN_EVENTS, json.dumps({"type": "registered", **summary}))
        logger.info("registered run %s #%d on %s", summary["id"], summary["run_number"], body.instrument_id)
        return summary

    async def get_summary(self, run_id: uuid.UUID) -> dict:
        key = f"run:{run_id}:summary"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        record = await self._runs.get(run_id)
        if record is None:
            raise NotFound(f"run {run_id} not found")
        summary = _summary(record)
        await self._redis.set(key, json.dumps(summary))
        return summary

    async def assign_pool(self, run_id: uuid.UUID, pool_id: uuid.UUID, lane: int) -> None:
        async with self._locks.hold(f"run:{run_id}"):
            record = await self._runs.get(run_id)
            if record is None:
                raise NotFound(f"run {run_id} not found")
            if not 1 <= lane <= LANES_BY_TYPE.get(record["run_type"], 1):
                raise Conflict(f"lane {lane} out of range")
            async with self._locks.hold(f"pool:{pool_id}"):
                pool = await self._libraries.lock_pool(pool_id)
                pool.run_id, pool.lane = run_id, lane

    async def refresh_lane_plan(self, run_id: uuid.UUID) -> None:
        async with self._locks.hold(f"run:{run_id}"):
            record = await self._runs.get(run_id)
            if record is None:
                return
            await self._redis.delete(f"run:{run_id}:summary", f"run:{run_id}:lanes")
