"""Frost watch: combines on-farm station minima with the forecast and raises alerts."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from fieldwise.db.engine import SessionFactory
from fieldwise.db.models import Field, Sensor
from fieldwise.logging_setup import get_logger
from fieldwise.services.alerts import AlertFeed, AlertService
from fieldwise.services.container import Services
from fieldwise.services.weather import WeatherService
from fieldwise.settings import get_settings
from fieldwise.workers.runtime import install_stop_event, run_periodic, worker_services

log = get_logger(__name__)

LOOKBACK_H = 6


async def station_minima(deps: Services, sensor_ids: list[int]) -> dict[int, float]:
    since = datetime.now(timezone.utc) - timedelta(hours=LOOKBACK_H)
    async with deps.pg.pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT sensor_id, hour, temp_min FROM readings_hourly "
            "WHERE sensor_id = ANY($1::int[]) AND hour >= $2",
            sensor_ids, since,
        )
    by_sensor: dict[int, list] = {}
    for row in rows:
        by_sensor.setdefault(row["sensor_id"], []).append(row)
    latest: dict[int, float] = {}
    for sensor_id, series in by_sensor.items():
        newest = sorted(series, key=lambda r: r["hour"])[0]
        latest[sensor_id] = newest["temp_min"]
    return latest


async def frost_tick(deps: Services, alerts: AlertService, weather: WeatherService) -> None:
    threshold = get_settings().frost_threshold_c
    async with SessionFactory() as session:
        stations = (await session.execute(
            select(Sensor.id, Field.id, Field.farm_id, Field.centroid_lat, Field.centroid_lon)
            .join(Field, Field.id == Sensor.field_id)
            .where(Sensor.kind == "weather_station")
        )).all()
    minima = await station_minima(deps, [s[0] for s in stations])
    for sensor_id, field_id, farm_id, lat, lon in stations:
        observed = minima.get(sensor_id)
        forecast_min = await weather.min_temp_next_hours(lat, lon)
        temps = [t for t in (observed, forecast_min) if t is not None]
        if not temps or min(temps) > threshold:
            continue
        worst = min(temps)
        day = datetime.now(timezone.utc).date().isoformat()
        await alerts.raise_alert(
            farm_id, field_id, "frost", "critical" if worst <= 0 else "warning",
            f"Frost risk: {worst:.1f} °C expected/observed on field {fild_id}",
            dedupe_key=f"frost:{field_id}:{day}",
        )


async def main() -> None:
    async with worker_services() as deps:
        alerts = AlertService(deps, AlertFeed(deps.redis, max_connections=0))
        weather = WeatherService(deps.weather, deps.redis)
        stop = install_stop_event()
        await run_periodic("frost", 900, lambda: frost_tick(deps, alerts, weather), stop)
