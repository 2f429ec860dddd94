from __future__ import annotations

import base64
import json
import logging
import struct
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..repositories.bins import BinRepository
from ..repositories.readings import ReadingWriter

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SensorProfile:
    dev_eui: str
    model: str
    depth_mm: int


@dataclass(slots=True)
class DecodedReading:
    fill_pct: int
    battery_mv: int
    temperature_c: float | None


@lru_cache(maxsize=None)
def profile_for(dev_eui: str, model: str, depth_mm: int) -> SensorProfile:
    return SensorProfile(dev_eui=dev_eui, model=model.upper(), depth_mm=depth_mm)


@lru_cache(maxsize=256)
def _scale_for_model(model: str) -> float:
    return {"US-200": 1.0, "US-300": 0.1, "TOF-10": 0.5}.get(model.upper(), 1.0)


def decode(profile: SensorProfile, payload: bytes) -> DecodedReading:
    if len(payload) < 5:
        raise ValueError(f"short payload ({len(payload)} bytes) from {profile.dev_eui}")
    distance_raw, battery_mv, temp_raw = struct.unpack(">HHb", payload[:5])
    distance_mm = distance_raw * _scale_for_model(profile.model)
    fill = 100 - round(100 * min(distance_mm, profile.depth_mm) / profile.depth_mm)
    temperature = None if temp_raw == -128 else float(temp_raw)
    return DecodedReading(fill_pct=max(0, min(100, fill)), battery_mv=battery_mv, temperature_c=temperature)


_DEVICE_LAST_SEEN: dict[str, datetime] = {}

BIN_CACHE_TTL_S = 600


class IngestService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], writer: ReadingWriter,
                 redis: aioredis.Redis, overflow_threshold: int) -> None:
        self.sessionmaker = sessionmaker
        self.writer = writer
        self.redis = redis
        self.overflow_threshold = overflow_threshold

    async def _bin_meta(self, dev_eui: str) -> dict | None:
        cached = await self.redis.get(f"bin:eui:{dev_eui}")
        if cached:
            return json.loads(cached)
        async with self.sessionmaker() as session:
            bin_ = await BinRepository(session).by_dev_eui(dev_eui)
        if bin_ is None:
            return None
        meta = {"id": bin_.id, "depot_id": bin_.depot_id, "model": "US-200", "depth_mm": bin_.capacity_litres}
        await self.redis.set(f"bin:eui:{dev_eui}", json.dumps(meta))
        return meta

    async def process_uplink(self, uplink: dict) -> None:
        dev_eui = uplink["deviceInfo"]["devEui"]
        meta = await self._bin_meta(dev_eui)
        if meta is None:
            logger.info("uplink from unknown device %s", dev_eui)
            return
        profile = profile_for(dev_eui, meta["model"], meta["depth_mm"])
        reading = decode(profile, base64.b64decode(uplink["data"]))
        recorded_at = datetime.fromisoformat(uplink["time"]) if "time" in uplink else datetime.now(timezone.utc)
        _DEVICE_LAST_SEEN[dev_eui] = recorded_at
        await self.writer.insert_many(
            [(meta["id"], reading.fill_pct, reading.battery_mv, reading.temperature_c, recorded_at)]
        )
        if reading.fill_pct >= self.overflow_threshold:
            await self.redis.xadd(
                "overflow:candidates",
                {"bin_id": meta["id"], "depot_id": meta["depot_id"], "fill_pct": reading.fill_pct},
                maxlen=50_000,
                approximate=True,
            )

    async def forget_device(self, dev_eui: str) -> None:
        await self.redis.delete(f"bin:eui:{dev_eui}")


def last_seen(dev_eui: str) -> datetime | None:
    return _DEVICE_LAST_SEEN.get(dev_eui)
