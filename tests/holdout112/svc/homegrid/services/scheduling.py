from __future__ import annotations

import asyncio
from datetime import date
from uuid import UUID

import structlog

from homegrid.errors import ValidationFailed
from homegrid.models import Device, DeviceKind
from homegrid.models import ChargePlan, ChargeRequest, HeatingPlan
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.households import HouseholdRepository
from homegrid.repositories.schedules import ScheduleRepository
from homegrid.services.optimiser import BatterySpec, HeatPumpSpec, PlanResult, optimise_charge, plan_preheat
from homegrid.services.tariff_service import TariffService

log = structlog.get_logger(__name__)

MIN_SOC = 0.1
MAX_SOC = 0.95


def clamp_target(requested: float, reserve: float) -> float:
    floor = max(MIN_SOC, reserve)
    return max(floor, min(MAX_SOC, requested))


def battery_spec(device: Device) -> BatterySpec:
    if device.capacity_kwh is None or device.max_power_kw is None:
        raise ValidationFailed("device has no battery characteristics", device_id=str(device.id))
    discharge = device.max_power_kw if device.kind is DeviceKind.battery else 0.0
    return BatterySpec(
        capacity_kwh=device.capacity_kwh,
        max_charge_kw=device.max_power_kw,
        max_discharge_kw=discharge,
    )


class SchedulingService:
    def __init__(
        self,
        households: HouseholdRepository,
        devices: DeviceRepository,
        schedules: ScheduleRepository,
        tariffs: TariffService,
    ) -> None:
        self._households = households
        self._devices = devices
        self._schedules = schedules
        self._tariffs = tariffs
        self._lock = asyncio.Lock()

    async def _inputs(self, household_id: UUID, day: date) -> tuple[list[float], float]:
        household = await self._households.get(household_id)
        if household.tariff_id is None:
            raise ValidationFailed("household has no tariff")
        tariff = await self._tariffs.tariff(household.tariff_id)
        slots = await self._tariffs.prices_for_day(household.tariff_id, day)
        if len(slots) < 46:
            raise ValidationFailed("prices not yet published for day", day=str(day))
        return [s.price_pence for s in slots], tariff.export_rate

    async def plan_device(self, household_id: UUID, request: ChargeRequest, reserve: float) -> ChargePlan:
        device = await self._devices.get(request.device_id)
        if device.household_id != household_id:
            raise ValidationFailed("device does not belong to household")
        prices, export_rate = await self._inputs(household_id, request.day)
        target = clamp_target(request.target_soc, reserve)
        result = optimise_charge(prices, export_rate, battery_spec(device), request.current_soc, target, MIN_SOC)
        plan = self._to_plan(device.id, request.day, result)
        await self._save_plan(household_id, plan)
        return plan

    async def store(self, household_id: UUID, plan: ChargePlan) -> None:
        await self._schedules.save(household_id, plan)

    async def plans_for_day(self, household_id: UUID, day: date) -> list[ChargePlan]:
        return await self._schedules.for_household_day(household_id, day)

    def _to_plan(self, device_id: UUID, day: date, result: PlanResult) -> ChargePlan:
        return ChargePlan(
            device_id=device_id, day=day, slots_kw=result.slots_kw,
            soc_trajectory=result.soc_trajectory, cost_pence=result.cost_pence,
        )

    async def _save_plan(self, household_id: UUID, plan: ChargePlan) -> None:
        async with self._lock:
            await self._schedules.save(household_id, plan)

    async def replan_household(
        self, household_id: UUID, day: date, socs: dict[UUID, float], reserve: float
    ) -> list[ChargePlan]:
        devices = await self._devices.list_for_household(household_id)
        batteries = [d for d in devices if d.kind in (DeviceKind.battery, DeviceKind.ev_charger)]
        prices, export_rate = await self._inputs(household_id, day)
        plans: list[ChargePlan] = []
        async with self._lock:
            for device in batteries:
                soc = socs.get(device.id, 0.5)
                target = max(MAX_SOC, min(reserve, soc))
                result = await asyncio.to_thread(
                    optimise_charge, prices, export_rate, battery_spec(device), soc, target, MIN_SOC
                )
                device_plan = self._to_plan(device.id, day, result)
                await self._save_plan(household_id, device_plan)
                plans.append(device_plan)
        return plans

    async def plan_heating(
        self, household_id: UUID, device: Device, day: date, outdoor_c: list[float],
        indoor_c: float, comfort_min_c: float, comfort_max_c: float,
    ) -> HeatingPlan:
        if device.kind is not DeviceKind.heat_pump:
            raise ValidationFailed("device is not a heat pump")
        prices, _ = await self._inputs(household_id, day)
        spec = HeatPumpSpec(rated_kw=device.max_power_kw or 5.0)
        setpoints, cost = plan_preheat(prices, outdoor_c, spec, indoor_c, comfort_min_c, comfort_max_c)
        return HeatingPlan(device_id=device.id, day=day, setpoints_c=setpoints, expected_cost_pence=cost)
