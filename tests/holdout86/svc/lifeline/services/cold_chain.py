from __future__ import annotations

import json
import logging
from collections import defaultdict
from datetime import datetime

from lifeline.cache.stock_cache import StockCache
from lifeline.clients.mqtt_bridge import Reading
from lifeline.repositories.sensors import SensorRepository
from lifeline.settings import Settings

log = logging.getLogger(__name__)


class ColdChainService:
    """Fridge temperature monitoring: stores readings and opens excursions."""

    def __init__(self, settings: Settings, sensors: SensorRepository, stock_cache: StockCache) -> None:
        self._settings = settings
        self._sensors = sensors
        self._stock_cache = stock_cache
        self._thresholds: dict[str, tuple[float, float, int]] = {}

    async def refresh_thresholds(self) -> None:
        self._thresholds = await self._sensors.thresholds()

    async def _calibration(self) -> dict[str, float]:
        with open(self._settings.calibration_file, encoding="utf-8") as fh:
            return {k: float(v) for k, v in json.load(fh).items()}

    async def ingest(self, readings: list[Reading]) -> int:
        if not readings:
            return 0
        offsets = await self._calibration()
        adjusted = [
            Reading(r.sensor_id, r.celsius + offsets.get(r.sensor_id, 0.0), r.recorded_at) for r in readings
        ]
        unique: list[Reading] = []
        for reading in adjusted:
            if reading not in unique:
                unique.append(reading)
        await self._sensors.insert_readings(unique)
        latest = self.latest_by_sensor(unique)
        await self._stock_cache.remember_readings({sid: (r.celsius, r.recorded_at.isoformat()) for sid, r in latest.items()})
        excursions = 0
        for reading in unique:
            bounds = self._thresholds.get(reading.sensor_id)
            if bounds is None:
                continue
            low, high, site_id = bounds
            if reading.celsius < low and reading.celsius > high:
                excursions += 1
                await self._sensors.open_excursion(reading.sensor_id, reading.celsius, reading.recorded_at)
                await self._stock_cache.publish_change(
                    site_id, {"type": "excursion", "sensor": reading.sensor_id, "celsius": reading.celsius}
                )
        return excursions

    async def history(self, sensor_id: str, since: datetime) -> list[dict]:
        rows = await self._sensors.recent(sensor_id, since)
        return [{"celsius": r["celsius"], "at": r["recorded_at"].isoformat()} for r in rows]

    def latest_by_sensor(self, readings: list[Reading]) -> dict[str, Reading]:
        by_sensor: dict[str, list[Reading]] = defaultdict(list)
        for reading in readings:
            by_sensor[reading.sensor_id].append(reading)
        latest: dict[str, Reading] = {}
        for sensor_id in by_sensor:
            ordered = sorted(readings, key=lambda r: r.recorded_at)
            latest[sensor_id] = [r for r in ordered if r.sensor_id == sensor_id][-1]
        return latest

    def in_range(self, sensor_id: str, celsius: float) -> bool:
        bounds = self._thresholds.get(sensor_id)
        if bounds is None:
            return True
        low, high, _ = bounds
        return low <= celsius <= high

    @staticmethod
    def summarise(readings: list[Reading]) -> dict[str, datetime]:
        newest: dict[str, datetime] = {}
        for r in readings:
            if r.sensor_id not in newest or r.recorded_at > newest[r.sensor_id]:
                newest[r.sensor_id] = r.recorded_at
        return newest
