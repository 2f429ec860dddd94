"""Vehicle positions, trip updates and tap events (asyncpg, high volume)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import asyncpg

from transit.db.pool import Database
from transit.gtfs.decoder import VehicleRecord
from transit.utils.timeutil import utcnow


class PositionsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert_positions(self, operator: str, records: list[VehicleRecord]) -> int:
        rows = [
            (operator, r.vehicle_id, r.trip_id, r.route_id, r.lat, r.lon, r.bearing, r.speed, r.recorded_at)
            for r in records
        ]
        async with self._db.connection() as conn:
            await conn.copy_records_to_table(
                "vehicle_positions",
                records=rows,
                columns=["operator", "vehicle_id", "trip_id", "route_id", "lat", "lon", "bearing", "speed", "recorded_at"],
            )
        return len(rows)

    async def latest_for_route(self, route_id: str, max_age_s: int = 120) -> list[asyncpg.Record]:
        since = utcnow() - timedelta(seconds=max_age_s)
        return await self._db.fetch(
            """
            SELECT DISTINCT ON (vehicle_id) vehicle_id, trip_id, route_id, lat, lon, bearing, speed, recorded_at
              FROM vehicle_positions
             WHERE route_id = $1 AND recorded_at >= $2
             ORDER BY vehicle_id, recorded_at DESC
            """,
            route_id,
            since,
        )

    async def track(self, vehicle_id: str, start: datetime, end: datetime, limit: int = 2000) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT lat, lon, speed, recorded_at FROM vehicle_positions
             WHERE vehicle_id = $1 AND recorded_at >= $2 AND recorded_at < $3
             ORDER BY recorded_at
             LIMIT $4
            """,
            vehicle_id,
            start,
            end,
            limit,
        )

    async def vehicles_seen_on(self, day_start: datetime, day_end: datetime) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT route_id, count(DISTINCT vehicle_id) AS vehicles
              FROM vehicle_positions
             WHERE recorded_at >= $1 AND recorded_at < $2
             GROUP BY route_id
            """,
            day_start,
            day_end,
        )

    async def purge_older_than(self, cutoff: datetime, batch: int = 50_000) -> int:
        deleted = 0
        while True:
            status = await self._db.execute(
                """
                DELETE FROM vehicle_positions
                 WHERE id IN (SELECT id FROM vehicle_positions WHERE recorded_at < $1 LIMIT $2)
                """,
                cutoff,
                batch,
            )
            count = int(status.split()[-1])
            deleted += count
            if count < batch:
                return deleted


class TripUpdatesRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert_many(self, operator: str, rows: list[tuple]) -> None:
        await self._db.executemany(
            """
            INSERT INTO trip_updates (operator, trip_id, route_id, schedule_relationship, delay_s, payload, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [(operator, *row) for row in rows],
        )

    async def latest_for_trip(self, trip_id: str) -> asyncpg.Record | None:
        return await self._db.fetchrow(
            "SELECT trip_id, route_id, delay_s, schedule_relationship, received_at FROM trip_updates WHERE trip_id = $1 ORDER BY received_at DESC LIMIT 1",
            trip_id,
        )

    async def delays_for_route(self, route_id: str, since: datetime) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT trip_id, delay_s, received_at FROM trip_updates WHERE route_id = $1 AND received_at >= $2 ORDER BY received_at DESC LIMIT 500",
            route_id,
            since,
        )


class PositionHistoryRepository:
    """Backs the operations dashboard's vehicle history table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def page_for_route(self, route_id: str, page: int, page_size: int = 100) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT vehicle_id, trip_id, lat, lon, speed, recorded_at
              FROM vehicle_positions
             WHERE route_id = $1
             ORDER BY recorded_at DESC
             OFFSET $2 LIMIT $3
            """,
            route_id,
            page * page_size,
            page_size,
        )

    async def page_for_route_before(self, route_id: str, before: datetime, page_size: int = 100) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT vehicle_id, trip_id, lat, lon, speed, recorded_at
              FROM vehicle_positions
             WHERE route_id = $1 AND recorded_at < $2
             ORDER BY recorded_at DESC
             LIMIT $3
            """,
            route_id,
            before,
            page_size,
        )


class RidershipRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record_taps(self, rows: list[tuple[str, str, str | None, datetime]]) -> None:
        await self._db.executemany(
            "INSERT INTO tap_events (card_number, stop_id, route_id, tapped_at) VALUES ($1, $2, $3, $4)",
            rows,
        )

    async def boardings_for_day(self, conn: asyncpg.Connection, day: date) -> list[asyncpg.Record]:
        return await conn.fetch(
            """
            SELECT route_id, stop_id, count(*) AS boardings
              FROM tap_events
             WHERE tapped_at::date = $1
             GROUP BY route_id, stop_id
            """,
            day,
        )

    async def boardings_between(self, conn: asyncpg.Connection, start: datetime, end: datetime) -> list[asyncpg.Record]:
        return await conn.fetch(
            """
            SELECT route_id, stop_id, count(*) AS boardings
              FROM tap_events
             WHERE tapped_at >= $1 AND tapped_at < $2
             GROUP BY route_id, stop_id
            """,
            start,
            end,
        )

    async def add_daily(self, conn: asyncpg.Connection, day: date, rows: list[tuple[str, str, int]]) -> None:
        await conn.executemany(
            """
            INSERT INTO ridership_daily (service_date, route_id, stop_id, boardings)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (service_date, route_id, stop_id)
            DO UPDATE SET boardings = ridership_daily.boardings + EXCLUDED.boardings
            """,
            [(day, route_id, stop_id, n) for route_id, stop_id, n in rows],
        )

    async def daily_totals(self, start: date, end: date) -> list[asyncpg.Record]:
        return await self._db.fetch(
            """
            SELECT service_date, route_id, sum(boardings) AS boardings
              FROM ridership_daily
             WHERE service_date BETWEEN $1 AND $2
             GROUP BY service_date, route_id
             ORDER BY service_date, route_id
            """,
            start,
            end,
        )
