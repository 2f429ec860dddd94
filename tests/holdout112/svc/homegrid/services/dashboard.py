from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import redis.asyncio as aioredis
import structlog

from homegrid.clients.weather import WeatherClient
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.households import HouseholdRepository
from homegrid.repositories.schedules import ScheduleRepository
from homegrid.repositories.telemetry import TelemetryRepository
from homegrid.services.tariff_service import TariffService
from homegrid.utils.timeutil import utcnow

log = structlog.get_logger(__name__)


class DashboardService:
    def __init__(
        self,
        households: HouseholdRepository,
        devices: DeviceRepository,
        telemetry: TelemetryRepository,
        schedules: ScheduleRepository,
        tariffs: TariffService,
        weather: WeatherClient,
        redis: aioredis.Redis,
    ) -> None:
        self._households = households
        self._devices = devices
        self._telemetry = telemetry
        self._schedules = schedules
        self._tariffs = tariffs
        self._weather = weather
        self._redis = redis

    async def snapshot(self, household_id: UUID) -> dict[str, Any]:
        household = await self._households.get(household_id)
        devices = await self._devices.list_for_household(household_id)
        latest = await self._telemetry.latest_for_household(household_id, utcnow() - timedelta(minutes=15))
        values: dict[str, dict[str, float]] = {}
        for row in latest:
            values.setdefault(str(row.device_id), {})[row.metric] = row.value
        return {
            "household": household.name,
            "devices": [
                {"id": str(d.id), "kind": d.kind.value, "status": d.status, "values": values.get(str(d.id), {})}
                for d in devices
            ],
            "generated_at": utcnow().isoformat(),
        }

    async def overview(self, household_id: UUID) -> dict[str, Any]:
        household = await self._households.get(household_id)
        snapshot = await self.snapshot(household_id)
        today = date.today()
        prices: list[dict[str, Any]] = []
        current_price = None
        if household.tariff_id is not None:
            slots = await self._tariffs.prices_for_day(household.tariff_id, today)
            prices = [s.model_dump(mode="json") for s in slots]
            current_price = await self._tariffs.current_price(household.tariff_id)
        forecast = await self._weather.outdoor_forecast(household.region)
        plans = await self._schedules.for_household_day(household_id, today)
        return {
            **snapshot,
            "prices": prices,
            "current_price_pence": current_price,
            "forecast": forecast,
            "plans": [p.model_dump(mode="json") for p in plans],
        }

    async def viewer_joined(self, household_id: UUID) -> int:
        key = f"dashboard:viewers:{household_id}"
        current = await self._redis.get(key)
        count = int(current or 0) + 1
        await self._redis.set(key, count, ex=3600)
        return count

    async def viewer_left(self, household_id: UUID) -> None:
        key = f"dashboard:viewers:{household_id}"
        remaining = await self._redis.decr(key)
        if remaining <= 0:
            await self._redis.delete(key)

    async def device_forecast(self, household_id: UUID) -> dict[str, Any]:
        household = await self._households.get(household_id)
        region = household.region
        try:
            forecast = await self._weather.outdoor_forecast(region)
        except Exception:
            log.warning("weather_unavailable", region=region, exc_info=True)
            forecast = None
        return {"region": region, "forecast": forecast}
