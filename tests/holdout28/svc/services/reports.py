"""Trip reports, fleet summaries and CSV exports."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

import asyncpg
import pandas as pd
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import settings
from svc.db.devices_repo import DeviceRepository
from svc.db.telemetry_repo import TelemetryRepository
from svc.services.geofences import path_length_km
from svc.storage import write_csv_export

EXPORT_HEADER = ("serial", "recorded_at", "lat", "lon", "speed_kph")


def _summarise_day(rows: list[asyncpg.Record]) -> list[dict[str, Any]]:
    frame = pd.DataFrame.from_records([dict(r) for r in rows])
    if frame.empty:
        return []
    hourly = frame.set_index("recorded_at").resample("1h").agg({"speed_kph": ["max", "mean"], "lat": "count"})
    hourly.columns = ["max_speed_kph", "avg_speed_kph", "points"]
    return hourly.reset_index().to_dict(orient="records")


class ReportService:
    def __init__(self, devices: DeviceRepository, telemetry: TelemetryRepository) -> None:
        self._devices = devices
        self._telemetry = telemetry

    async def trip_report(self, device_id: int, start: datetime, end: datetime) -> dict[str, Any]:
        rows = await self._telemetry.points_between(device_id, start, end)
        if not rows:
            return {"device_id": device_id, "points": 0, "distance_km": 0.0, "segments": []}
        frame = pd.DataFrame.from_records([dict(r) for r in rows])
        segments = frame.set_index("recorded_at").resample("5min").agg({"speed_kph": "max", "odometer_km": "last"}).dropna()
        distance = path_length_km((r["lat"], r["lon"]) for r in rows)
        return {
            "device_id": device_id,
            "points": len(rows),
            "distance_km": round(distance, 2),
            "segments": segments.reset_index().to_dict(orient="records"),
        }

    async def daily_profile(self, device_id: int, day: datetime) -> list[dict[str, Any]]:
        start = day.replace(hour=0, minute=0, second=0, microsecond=0)
        rows = await self._telemetry.points_between(device_id, start, start + timedelta(days=1))
        return await asyncio.to_thread(_summarise_day, rows)

    async def fleet_summary(self, fleet_id: int) -> list[dict[str, Any]]:
        devices = await self._devices.list_for_fleet(fleet_id)
        summary = []
        for device in devices:
            position = await self._telemetry.latest_position(device.id)
            summary.append(
                {
                    "device_id": device.id,
                    "serial": device.serial,
                    "status": device.status,
                    "last_position": dict(position) if position else None,
                }
            )
        return summary

    async def fleet_positions(self, fleet_id: int) -> list[dict[str, Any]]:
        devices = await self._devices.list_for_fleet(fleet_id)
        rows = await self._telemetry.latest_positions([d.id for d in devices])
        return [dict(r) for r in rows]

    async def export_fleet_history(self, fleet_id: int, since: datetime) -> str:
        export_engine = create_async_engine(settings.sqlalchemy_url, pool_size=1, max_overflow=0)
        rows: list[tuple[Any, ...]] = []
        try:
            async with export_engine.connect() as conn:
                result = await conn.stream(
                    text(
                        "SELECT d.serial, t.recorded_at, t.lat, t.lon, t.speed_kph FROM telemetry_points t "
                        "JOIN devices d ON d.id = t.device_id "
                        "WHERE d.fleet_id = :fleet AND t.recorded_at >= :since ORDER BY t.recorded_at LIMIT 1000000"
                    ),
                    {"fleet": fleet_id, "since": since},
                )
                async for row in result:
                    rows.append(tuple(row))
        finally:
            await export_engine.dispose()
        name = f"fleet-{fleet_id}-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}.csv"
        path = await asyncio.to_thread(write_csv_export, name, EXPORT_HEADER, rows)
        return path.name
