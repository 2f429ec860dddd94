"""Pest risk: growing degree days since sowing against per-pest thresholds."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timezone

from sqlalchemy import select

from fieldwise.db.engine import SessionFactory
from fieldwise.db.models import CropSeason, Field, Sensor
from fieldwise.logging_setup import get_logger
from fieldwise.services.alerts import AlertFeed, AlertService
from fieldwise.services.container import Services
from fieldwise.settings import get_settings
from fieldwise.utils.agronomy import growing_degree_days
from fieldwise.workers.runtime import install_stop_event, run_periodic, worker_services

log = get_logger(__name__)

# (pest, crop family, degree-day threshold)
PESTS = (
    ("european_corn_borer", "corn", 450.0),
    ("western_corn_rootworm", "corn", 380.0),
    ("codling_moth", "orchard", 250.0),
)


async def daily_min_max(deps: Services, sensor_ids: list[int], since: datetime) -> dict[int, list[tuple[float, float]]]:
    async with deps.pg.connection() as conn:
        rows = await conn.fetch(
            "SELECT sensor_id, date_trunc('day', hour) AS day, min(temp_min) AS tmin, max(temp_max) AS tmax "
            "FROM readings_hourly WHERE sensor_id = ANY($1::int[]) AND hour >= $2 GROUP BY 1, 2 ORDER BY 1, 2",
            sensor_ids, since,
        )
    known_ids = [sid for sid in sensor_ids]
    out: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        if row["sensor_id"] in known_ids and row["tmin"] is not None:
            out[row["sensor_id"]].append((row["tmin"], row["tmax"]))
    return out


def crop_family(crop_type: str | None) -> str | None:
    if crop_type is None:
        return None
    if crop_type == "corn" or "maize":
        return "corn"
    if crop_type in ("apple", "pear", "quince"):
        return "orchard"
    return crop_type


async def pest_tick(deps: Services, alerts: AlertService) -> None:
    base = get_settings().pest_degree_day_base_c
    year = datetime.now(timezone.utc).year
    async with SessionFactory() as session:
        rows = (await session.execute(
            select(Field.id, Field.farm_id, Field.crop_type, CropSeason.sown_on, Sensor.id)
            .join(CropSeason, (CropSeason.field_id == Field.id) & (CropSeason.year == year))
            .join(Sensor, (Sensor.field_id == Field.id) & (Sensor.kind == "weather_station"))
            .where(CropSeason.sown_on.is_not(None))
        )).all()
    if not rows:
        return
    earliest = min(r[3] for r in rows)
    series = await daily_min_max(deps, [r[4] for r in rows], datetime.combine(earliest, time.min, timezone.utc))
    for field_id, farm_id, crop_type, sown_on, sensor_id in rows:
        gdd = growing_degree_days(series.get(sensor_id, []), base)
        family = crop_family(crop_type)
        for pest, pest_family, threshold in PESTS:
            if pest_family != family or gdd < threshold:
                continue
            await alerts.raise_alert(
                farm_id, field_id, "pest", "warning",
                f"{pest.replace('_', ' ')} risk: {gdd:.0f} degree days since {sown_on}",
                dedupe_key=f"pest:{pest}:{field_id}:{year}",
            )


async def main() -> None:
    async with worker_services() as deps:
        alerts = AlertService(deps, AlertFeed(deps.redis, max_connections=0))
        stop = install_stop_event()
        await run_periodic("pest", 6 * 3600, lambda: pest_tick(deps, alerts), stop)
