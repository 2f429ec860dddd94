from __future__ import annotations

import logging
from collections.abc import Sequence

import redis.asyncio as redis

from fleetwise.domain.schemas import PositionIn
from fleetwise.realtime.fleet_hub import FleetPublisher
from fleetwise.repositories.positions import PositionRepository

log = logging.getLogger(__name__)

MMSI_INDEX = "fw:mmsi-index"


class PositionService:
    def __init__(self, repo: PositionRepository, client: redis.Redis, publisher: FleetPublisher) -> None:
        self._repo = repo
        self._redis = client
        self._publisher = publisher

    async def _vessel_ids(self, mmsis: Sequence[str]) -> dict[str, int]:
        unique = list(dict.fromkeys(mmsis))
        if not unique:
            return {}
        values = await self._redis.hmget(MMSI_INDEX, unique)
        return {m: int(v) for m, v in zip(unique, values) if v is not None}

    async def ingest(self, items: Sequence[PositionIn], source: str) -> int:
        ids = await self._vessel_ids([p.mmsi for p in items])
        rows: list[tuple] = []
        seen: list[tuple[str, str]] = []
        for p in items:
            key = (p.mmsi, p.ts.isoformat())
            if key in seen:
                continue
            seen.append(key)
            vessel_id = ids.get(p.mmsi)
            if vessel_id is None:
                continue
            rows.append((vessel_id, p.mmsi, p.ts, p.lat, p.lon, p.sog_kn, p.cog_deg, source))
        if not rows:
            return 0
        await self._repo.insert_batch(rows)
        newest: dict[int, tuple] = {}
        for row in rows:
            if row[0] not in newest or row[2] > newest[row[0]][2]:
                newest[row[0]] = row
        for vessel_id, row in newest.items():
            self._publisher.publish_position(vessel_id, {"ts": row[2], "lat": row[3], "lon": row[4], "sog": row[5]})
        return len(rows)

    async def where_is(self, mmsi: str) -> dict | None:
        rec = await self._repo.latest_by_mmsi(mmsi)
        if rec is None:
            return None
        return dict(rec)
