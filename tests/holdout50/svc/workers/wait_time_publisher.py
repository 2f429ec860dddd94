"""Lift line wait estimates from gate throughput, plus the lift controller telemetry reader."""
from __future__ import annotations

import asyncio
import copy
import logging
from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis
from sqlalchemy import select

from ..config import Settings
from ..db.engine import SessionLocal
from ..db.models import Lift
from ..db.pg_pool import gate_pool
from ..repos.gate_repo import GateRepository
from ..services.lift_status_service import LiftStatusService
from ..utils.locks import redis_lease

log = logging.getLogger(__name__)

INTERVAL_S = 15
READ_TIMEOUT_S = 30
WINDOW = timedelta(minutes=10)


class WaitTimePublisher:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._status = LiftStatusService(redis)
        self._capacity: dict[int, int] = {}
        self._history: dict[int, list[int]] = {}

    async def _load_lifts(self) -> None:
        async with SessionLocal() as session:
            lifts = (await session.scalars(select(Lift))).all()
        self._capacity = {lift.id: lift.capacity_per_hour for lift in lifts}

    async def tick(self) -> None:
        repo = GateRepository(gate_pool())
        since = datetime.now(timezone.utc) - WINDOW
        counts = await repo.lift_scan_counts(list(self._capacity), since)
        queue_lengths = await self._queue_lengths()
        waits: dict[int, int] = {}
        for lift_id, capacity in self._capacity.items():
            per_minute = max(capacity / 60.0, 1.0)
            throughput = counts.get(lift_id, 0) / WINDOW.total_seconds() * 60
            queued = queue_lengths.get(lift_id, 0)
            waits[lift_id] = round(queued / max(per_minute, throughput))
            self._history.setdefault(lift_id, []).append(waits[lift_id])
            del self._history[lift_id][:-40]
        snapshot = copy.deepcopy(self._history)
        log.debug("wait history", extra={"history": snapshot})
        await self._status.publish_waits(waits)

    async def _queue_lengths(self) -> dict[int, int]:
        raw = await self._redis.hgetall("lift:queue_sensor")
        return {int(k): int(v) for k, v in raw.items()}

    async def run(self) -> None:
        await self._load_lifts()
        while True:
            async with redis_lease(self._redis, "wait-times", ttl_ms=INTERVAL_S * 1000) as leader:
                if leader:
                    await self.tick()
            await asyncio.sleep(INTERVAL_S)


class LiftTelemetryReader:
    def __init__(self, settings: Settings, redis: Redis) -> None:
        self._host = settings.lift_telemetry_host
        self._port = settings.lift_telemetry_port
        self._redis = redis

    async def run(self) -> None:
        while True:
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(self._host, self._port), timeout=5
                )
                try:
                    await self._consume(reader)
                finally:
                    writer.close()
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
                log.warning("telemetry connection lost, reconnecting")
                continue

    async def _consume(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout=READ_TIMEOUT_S)
            if not line:
                raise asyncio.IncompleteReadError(b"", None)
            await self._handle(line.decode("ascii", "replace").strip())

    async def _handle(self, line: str) -> None:
        kind, _, rest = line.partition(" ")
        if kind == "Q":
            lift_id, length = rest.split()
            await self._redis.hset("lift:queue_sensor", lift_id, int(length))
        elif kind == "W":
            lift_id, kph = rest.split()
            await self._redis.hset("lift:wind_kph", lift_id, float(kph))
        elif kind == "S":
            await self._redis.publish("lift-stops", rest)
