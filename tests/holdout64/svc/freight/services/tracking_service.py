from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..metrics import RejectTally
from ..repositories.loads import LoadRepository
from ..repositories.tracking import TrackingRepository
from ..utils.timeutil import parse_ts, utcnow
from .geo import Point, haversine_miles

log = logging.getLogger(__name__)

MAX_SPEED_MPH = 90
STALE_AFTER = timedelta(minutes=45)

_LAST_SEEN: dict[str, float] = {}


@dataclass(frozen=True)
class Ping:
    load_id: uuid.UUID
    device_id: str
    lat: float
    lon: float
    speed_mph: float | None
    heading: int | None
    recorded_at: datetime

    def row(self) -> tuple:
        return (self.load_id, self.device_id, self.lat, self.lon, self.speed_mph, self.heading, self.recorded_at)


def parse_ping(raw: dict, device_id: str) -> Ping:
    lat = float(raw["lat"])
    lon = float(raw["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat},{lon}")
    return Ping(
        load_id=uuid.UUID(raw["load_id"]),
        device_id=device_id,
        lat=lat,
        lon=lon,
        speed_mph=float(raw["speed"]) if raw.get("speed") is not None else None,
        heading=int(raw["heading"]) if raw.get("heading") is not None else None,
        recorded_at=parse_ts(raw["ts"]),
    )


def record_seen(device_id: str) -> None:
    _LAST_SEEN[device_id] = time.time()


def parse_batch(raws: list[dict], device_id: str) -> list[Ping]:
    pings = []
    for raw in raws:
        try:
            pings.append(parse_ping(raw, device_id))
        except (KeyError, ValueError, TypeError):
            continue
    return pings


def dedupe(pings: list[Ping]) -> list[Ping]:
    seen: list[tuple[str, datetime]] = []
    unique = []
    for ping in pings:
        key = (ping.device_id, ping.recorded_at)
        if key not in seen:
            seen.append(key)
            unique.append(ping)
    return unique


class TrackingService:
    def __init__(self, session_factory: async_sessionmaker, repo: TrackingRepository, rejects: RejectTally) -> None:
        self._sessions = session_factory
        self._repo = repo
        self._rejects = rejects

    def accept_single(self, raw: dict, device_id: str) -> Ping | None:
        try:
            ping = parse_ping(raw, device_id)
        except (KeyError, ValueError, TypeError) as exc:
            self._rejects.add(type(exc).__name__)
            log.warning("rejected ping", extra={"device_id": device_id, "error": str(exc)})
            return None
        if ping.speed_mph is not None and ping.speed_mph > MAX_SPEED_MPH:
            self._rejects.add("speed")
            return None
        record_seen(device_id)
        return ping

    async def persist(self, pings: list[Ping]) -> None:
        if not pings:
            return
        unique = dedupe(pings)
        await self._repo.insert_pings([p.row() for p in unique])
        latest: dict[uuid.UUID, Ping] = {}
        for ping in unique:
            current = latest.get(ping.load_id)
            if current is None or ping.recorded_at > current.recorded_at:
                latest[ping.load_id] = ping
        await self._repo.upsert_positions([(p.load_id, p.lat, p.lon, p.recorded_at, None) for p in latest.values()])

    async def positions(self, load_ids: list[uuid.UUID]) -> dict[str, dict]:
        rows = await self._repo.positions_for(load_ids)
        return {
            str(load_id): {"lat": row["lat"], "lon": row["lon"], "at": row["recorded_at"].isoformat()}
            for load_id, row in rows.items()
        }

    async def stale_loads(self) -> list[dict]:
        async with self._sessions() as session:
            loads = await LoadRepository(session).list_in_transit()
        cutoff = utcnow() - STALE_AFTER
        stale = []
        for load in loads:
            last = await self._repo.last_ping(load.id)
            if last is None or last["recorded_at"] < cutoff:
                stale.append({"load_id": str(load.id), "reference": load.reference,
                              "last_seen": last["recorded_at"].isoformat() if last else None})
        return stale

    async def check_call(self, load_id: uuid.UUID, lat: float, lon: float, eta: datetime | None) -> None:
        await self._repo.upsert_position(load_id, lat, lon, utcnow(), eta)

    async def trail_miles(self, device_id: str, since: datetime) -> float:
        trail = await self._repo.device_trail(device_id, since)
        points = [Point(r["lat"], r["lon"]) for r in trail]
        return sum(haversine_miles(a, b) for a, b in zip(points, points[1:]))
