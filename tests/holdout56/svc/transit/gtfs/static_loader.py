"""Loads the operator's static GTFS zip (stops, routes, route_stops)."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
import zipfile
from pathlib import Path

from transit.db.pool import Database

logger = logging.getLogger(__name__)


def _read_member(path: Path, member: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member)


def _parse_csv(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


class StaticFeedLoader:
    def __init__(self, db: Database, feed_dir: Path) -> None:
        self._db = db
        self._feed_dir = feed_dir

    def latest_archive(self) -> Path:
        archives = sorted(self._feed_dir.glob("gtfs-*.zip"))
        if not archives:
            raise FileNotFoundError(f"no static GTFS archive in {self._feed_dir}")
        return archives[-1]

    async def load_stops(self, archive: Path) -> int:
        raw = await asyncio.to_thread(_read_member, archive, "stops.txt")
        rows = await asyncio.to_thread(_parse_csv, raw)
        records = [
            (r["stop_id"], r["stop_name"], float(r["stop_lat"]), float(r["stop_lon"]), r.get("zone_id") or None,
             r.get("wheelchair_boarding") == "1")
            for r in rows
        ]
        await self._db.executemany(
            """
            INSERT INTO stops (stop_id, name, lat, lon, zone_id, wheelchair)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (stop_id) DO UPDATE
               SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
                   zone_id = EXCLUDED.zone_id, wheelchair = EXCLUDED.wheelchair
            """,
            records,
        )
        return len(records)

    async def load_routes(self, archive: Path) -> int:
        raw = _read_member(archive, "routes.txt")
        rows = _parse_csv(raw)
        records = [
            (r["route_id"], r.get("route_short_name") or r["route_id"], r.get("route_long_name"),
             int(r["route_type"]), r.get("route_color"))
            for r in rows
        ]
        await self._db.executemany(
            """
            INSERT INTO routes (route_id, short_name, long_name, route_type, color)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (route_id) DO UPDATE
               SET short_name = EXCLUDED.short_name, long_name = EXCLUDED.long_name,
                   route_type = EXCLUDED.route_type, color = EXCLUDED.color
            """,
            records,
        )
        return len(records)

    async def load_route_stops(self, archive: Path) -> int:
        trips_raw = await asyncio.to_thread(_read_member, archive, "trips.txt")
        stop_times_raw = await asyncio.to_thread(_read_member, archive, "stop_times.txt")
        trips = {r["trip_id"]: r["route_id"] for r in _parse_csv(trips_raw)}
        stop_times = _parse_csv(stop_times_raw)
        seen: set[tuple[str, int]] = set()
        records: list[tuple[str, str, int]] = []
        for row in stop_times:
            route_id = trips.get(row["trip_id"])
            if route_id is None:
                continue
            key = (route_id, int(row["stop_sequence"]))
            if key in seen:
                continue
            seen.add(key)
            records.append((route_id, row["stop_id"], key[1]))
        await self._db.executemany(
            "INSERT INTO route_stops (route_id, stop_id, stop_sequence) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING",
            records,
        )
        return len(records)

    async def reload(self) -> dict[str, int]:
        archive = self.latest_archive()
        counts = {
            "stops": await self.load_stops(archive),
            "routes": await self.load_routes(archive),
            "route_stops": await self.load_route_stops(archive),
        }
        logger.info("static GTFS %s loaded: %s", archive.name, counts)
        return counts
