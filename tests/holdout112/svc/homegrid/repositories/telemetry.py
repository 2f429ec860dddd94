from __future__ import annotations

from datetime import date, datetime
from typing import Sequence
from uuid import UUID

from homegrid.models import TelemetryRow
from homegrid.db.pool import Repository

_COPY_COLUMNS = ["device_id", "household_id", "ts", "metric", "value", "message_id"]


class TelemetryRepository(Repository):
    async def insert_many(self, rows: Sequence[TelemetryRow]) -> int:
        if not rows:
            return 0
        records = [
            (r.device_id, r.household_id, r.ts, r.metric, r.value, r.message_id) for r in rows
        ]
        conn = await self.db.pool.acquire()
        await conn.copy_records_to_table("telemetry", records=records, columns=_COPY_COLUMNS)
        await self.db.pool.release(conn)
        return len(records)

    async def latest_for_household(self, household_id: UUID, since: datetime) -> list[TelemetryRow]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT DISTINCT ON (device_id, metric) device_id, household_id, ts, metric, value, message_id
                FROM telemetry
                WHERE household_id = $1 AND ts >= $2
                ORDER BY device_id, metric, ts DESC
                """,
                household_id, since,
            )
        return [TelemetryRow(**dict(r)) for r in rows]

    async def history_page(
        self, device_id: UUID, page: int, page_size: int
    ) -> list[TelemetryRow]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT device_id, household_id, ts, metric, value, message_id
                FROM telemetry WHERE device_id = $1
                ORDER BY ts DESC OFFSET $2 LIMIT $3
                """,
                device_id, page * page_size, page_size,
            )
        return [TelemetryRow(**dict(r)) for r in rows]

    async def history_before(
        self, device_id: UUID, before: datetime, limit: int
    ) -> list[TelemetryRow]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT device_id, household_id, ts, metric, value, message_id
                FROM telemetry WHERE device_id = $1 AND ts < $2
                ORDER BY ts DESC LIMIT $3
                """,
                device_id, before, limit,
            )
        return [TelemetryRow(**dict(r)) for r in rows]

    async def daily_energy(self, device_id: UUID, start: date, end: date) -> tuple[float, float]:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                """
                SELECT coalesce(sum(import_kwh), 0) AS imp, coalesce(sum(export_kwh), 0) AS exp
                FROM telemetry_daily WHERE device_id = $1 AND day >= $2 AND day < $3
                """,
                device_id, start, end,
            )
        return float(row["imp"]), float(row["exp"])

    async def energy_by_device(
        self, device_ids: Sequence[UUID], start: date, end: date
    ) -> dict[UUID, tuple[float, float]]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT device_id, sum(import_kwh) AS imp, sum(export_kwh) AS exp
                FROM telemetry_daily
                WHERE device_id = ANY($1::uuid[]) AND day >= $2 AND day < $3
                GROUP BY device_id
                """,
                list(device_ids), start, end,
            )
        return {r["device_id"]: (float(r["imp"]), float(r["exp"])) for r in rows}

    async def rollup_day(self, day: date) -> int:
        async with self.db.transaction() as conn:
            result = await conn.execute(
                """
                INSERT INTO telemetry_daily (device_id, household_id, day, import_kwh, export_kwh)
                SELECT device_id, household_id, $1::date,
                       sum(value) FILTER (WHERE metric = 'import_kwh'),
                       sum(value) FILTER (WHERE metric = 'export_kwh')
                FROM telemetry
                WHERE date(ts AT TIME ZONE 'UTC') = $1
                GROUP BY device_id, household_id
                ON CONFLICT (device_id, day) DO UPDATE
                SET import_kwh = EXCLUDED.import_kwh, export_kwh = EXCLUDED.export_kwh
                """,
                day,
            )
        return int(result.split()[-1])

    async def rollup_window(self, start: datetime, end: datetime) -> int:
        async with self.db.transaction() as conn:
            result = await conn.execute(
                """
                INSERT INTO telemetry_daily (device_id, household_id, day, import_kwh, export_kwh)
                SELECT device_id, household_id, (ts AT TIME ZONE 'UTC')::date,
                       coalesce(sum(value) FILTER (WHERE metric = 'import_kwh'), 0),
                       coalesce(sum(value) FILTER (WHERE metric = 'export_kwh'), 0)
                FROM telemetry
                WHERE ts >= $1 AND ts < $2
                GROUP BY 1, 2, 3
                ON CONFLICT (device_id, day) DO UPDATE
                SET import_kwh = telemetry_daily.import_kwh + EXCLUDED.import_kwh,
                    export_kwh = telemetry_daily.export_kwh + EXCLUDED.export_kwh
                """,
                start, end,
            )
        return int(result.split()[-1])

    async def region_load_kw(self, household_ids: Sequence[UUID], since: datetime) -> float:
        async with self.db.connection() as conn:
            value = await conn.fetchval(
                """
                SELECT coalesce(sum(value), 0) FROM telemetry
                WHERE household_id = ANY($1::uuid[]) AND ts >= $2 AND metric = 'grid_power_kw'
                """,
                list(household_ids), since,
            )
        return float(value)

    async def average_power_by_household(
        self, household_ids: Sequence[UUID], start: datetime, end: datetime
    ) -> dict[UUID, float]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT household_id, avg(value) AS kw FROM telemetry
                WHERE household_id = ANY($1::uuid[]) AND ts >= $2 AND ts < $3
                  AND metric = 'grid_power_kw'
                GROUP BY household_id
                """,
                list(household_ids), start, end,
            )
        return {r["household_id"]: float(r["kw"]) for r in rows}
