"""Nightly ridership aggregation and publication to the open-data portal."""
from __future__ import annotations

import csv
import io
import logging
from datetime import date

import aiohttp

from transit.db.pool import Database
from transit.repos.positions import RidershipRepository
from transit.utils.timeutil import service_day_bounds

logger = logging.getLogger(__name__)


class RidershipService:
    def __init__(self, db: Database, repo: RidershipRepository, publisher: OpenDataPublisher) -> None:
        self._db = db
        self._repo = repo
        self._publisher = publisher

    async def aggregate_day(self, day: date) -> int:
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        rows = await self._repo.boardings_for_day(conn, day)
        totals = [(r["route_id"] or "UNKNOWN", r["stop_id"], r["boardings"]) for r in rows]
        await self._repo.add_daily(conn, day, totals)
        await self._db.pool.release(conn)
        logger.info("ridership for %s: %d route/stop pairs", day, len(totals))
        return len(totals)

    async def aggregate_window(self, day: date) -> int:
        start, end = service_day_bounds(day)
        async with self._db.connection() as conn:
            async with conn.transaction():
                rows = await self._repo.boardings_between(conn, start, end)
                totals = [(r["route_id"] or "UNKNOWN", r["stop_id"], r["boardings"]) for r in rows]
                await conn.execute("DELETE FROM ridership_daily WHERE service_date = $1", day)
                await self._repo.add_daily(conn, day, totals)
        return len(totals)

    async def export(self, start: date, end: date) -> bytes:
        rows = await self._repo.daily_totals(start, end)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["service_date", "route_id", "boardings"])
        for r in rows:
            writer.writerow([r["service_date"].isoformat(), r["route_id"], r["boardings"]])
        return buffer.getvalue().encode()

    async def publish(self, day: date) -> None:
        content = await self.export(day, day)
        await self._publisher.upload_csv(f"ridership-{day.isoformat()}.csv", content)


class OpenDataPublisher:
    def __init__(self, url: str, token: str) -> None:
        self._url = url
        self._token = token

    async def upload_csv(self, filename: str, content: bytes) -> None:
        timeout = aiohttp.ClientTimeout(total=60, connect=5)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            form = aiohttp.FormData()
            form.add_field("file", content, filename=filename, content_type="text/csv")
            async with session.put(self._url, data=form, headers={"Authorization": f"Token {self._token}"}) as resp:
                resp.raise_for_status()
        logger.info("uploaded %s (%d bytes)", filename, len(content))
