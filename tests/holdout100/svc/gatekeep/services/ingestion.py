from __future__ import annotations

import copy
import logging
import time
from datetime import datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..db.models import Door
from ..errors import DoorNotFound
from ..repositories.doors import door_index
from ..repositories.events import ALARM_KINDS, EventRepository
from ..repositories.sites import building_sites
from ..utils.badges import parse_badge
from .alarm_hub import AlarmHub
from .console_hub import ConsoleHub

log = logging.getLogger(__name__)

_INGEST_STATS: dict[str, int] = {"accepted": 0, "rejected": 0, "batches": 0}
DOOR_MAP_TTL = 300.0


def ingest_stats() -> dict[str, int]:
    return dict(_INGEST_STATS)


class IngestionService:
    """Normalises controller events (from the stream consumer and HTTP batch uploads) and stores them."""

    def __init__(
        self,
        events: EventRepository,
        session_factory: async_sessionmaker[AsyncSession],
        redis: Redis,
        alarms: AlarmHub,
        console: ConsoleHub,
    ) -> None:
        self._events = events
        self._sf = session_factory
        self._redis = redis
        self._alarms = alarms
        self._console = console
        self._doors: dict[tuple[str, int], Door] = {}
        self._doors_loaded_at = 0.0
        self._site_of_building: dict[int, int] = {}

    async def _door_map(self) -> dict[tuple[str, int], Door]:
        if time.monotonic() - self._doors_loaded_at > DOOR_MAP_TTL:
            async with self._sf() as session:
                self._doors = await door_index(session)
                self._site_of_building = await building_sites(session)
            self._doors_loaded_at = time.monotonic()
        return self._doors

    @staticmethod
    def _resolve_door(doors: dict[tuple[str, int], Door], serial: str, channel: int) -> Door:
        try:
            return doors[(serial, channel)]
        except KeyError as exc:
            raise DoorNotFound(f"no door on {serial} channel {channel}") from exc

    def _normalise(self, doors: dict[tuple[str, int], Door], rec: dict[str, Any]) -> dict[str, Any]:
        door = self._resolve_door(doors, rec["serial"], int(rec["channel"]))
        rec["door_id"] = door.id
        rec["site_id"] = self._site_of_building.get(door.building_id)
        rec["occurred_at"] = datetime.fromisoformat(rec["ts"])
        rec["seq"] = int(rec["seq"])
        if rec.get("badge"):
            rec["badge"] = parse_badge(rec["badge"]).card_number
        return rec

    async def ingest(self, records: list[dict[str, Any]], source: str) -> int:
        doors = await self._door_map()
        rows = copy.deepcopy(records)
        accepted: list[dict[str, Any]] = []
        for rec in rows:
            try:
                accepted.append(self._normalise(doors, rec))
            except (KeyError, ValueError, DoorNotFound):
                continue
        _INGEST_STATS["batches"] += 1
        _INGEST_STATS["accepted"] += len(accepted)
        _INGEST_STATS["rejected"] += len(rows) - len(accepted)
        if not accepted:
            return 0
        await self._events.insert_many(accepted)
        async with self._redis.pipeline(transaction=False) as pipe:
            for rec in accepted:
                pipe.hset("door:state", str(rec["door_id"]), rec["kind"])
            await pipe.execute()
        for rec in accepted:
            if rec["kind"] in ALARM_KINDS:
                await self._alarms.raise_alarm(
                    {"door_id": rec["door_id"], "site_id": rec["site_id"], "kind": rec["kind"], "at": rec["ts"]}
                )
        await self._console.publish_events(
            [{k: rec[k] for k in ("door_id", "site_id", "kind", "ts") if k in rec} for rec in accepted]
        )
        log.debug("ingested %d/%d records from %s", len(accepted), len(rows), source)
        return len(accepted)
