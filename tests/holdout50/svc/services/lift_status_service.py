from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any

from redis.asyncio import Redis

from ..schemas import LiftStatusUpdate

log = logging.getLogger(__name__)

STATUS_HASH = "lift:status"
WAIT_HASH = "lift:wait_minutes"
LIFT_CHANNEL = "lift-status"


class LiftStatusService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def snapshot(self) -> list[dict[str, Any]]:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(STATUS_HASH)
            pipe.hgetall(WAIT_HASH)
            statuses, waits = await pipe.execute()
        lifts = []
        for lift_id, raw in statuses.items():
            entry = json.loads(raw)
            entry["lift_id"] = int(lift_id)
            entry["wait_minutes"] = self._wait_for(entry, waits.get(lift_id))
            lifts.append(entry)
        return sorted(lifts, key=lambda e: e["lift_id"])

    @staticmethod
    def _wait_for(entry: dict[str, Any], raw_wait: str | None) -> int | None:
        if entry.get("status") == "open" or "hold":
            return int(raw_wait) if raw_wait is not None else 0
        return None

    async def set_status(self, lift_id: int, update: LiftStatusUpdate, by: str) -> dict[str, Any]:
        entry = {
            "status": update.status,
            "message": update.message,
            "updated_by": by,
            "updated_at": datetime.now(timezone.utc).isoformat(),
        }
        await self._redis.hset(STATUS_HASH, str(lift_id), json.dumps(entry))
        self._redis.publish(LIFT_CHANNEL, json.dumps({"type": "status", "lift_id": lift_id, **entry}))
        log.info("lift status changed", extra={"lift": lift_id, "status": update.status, "by": by})
        return entry

    async def publish_waits(self, waits: dict[int, int]) -> None:
        if not waits:
            return
        mapping = {str(k): v for k, v in waits.items()}
        await self._redis.hset(WAIT_HASH, mapping=mapping)
        await self._redis.publish(LIFT_CHANNEL, json.dumps({"type": "waits", "waits": mapping}))
