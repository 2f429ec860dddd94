from __future__ import annotations

from datetime import date
from uuid import UUID

import structlog
from fastapi import APIRouter, Depends, Query

from homegrid.api.deps import current_principal, get_container, require_household
from homegrid.container import Container
from homegrid.models import ChargePlan, ChargeRequest, HeatingPlan
from homegrid.models import Principal

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/v1/households/{household_id}/schedules", tags=["schedules"])


@router.post("", response_model=ChargePlan)
async def plan_charge(
    household_id: UUID,
    request: ChargeRequest,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> ChargePlan:
    require_household(principal, household_id)
    prefs = await container.preferences.effective(household_id)
    return await container.scheduling.plan_device(household_id, request, prefs.battery_reserve_pct / 100)


@router.get("/{day}", response_model=list[ChargePlan])
async def plans_for_day(
    household_id: UUID,
    day: date,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[ChargePlan]:
    require_household(principal, household_id)
    return await container.scheduling.plans_for_day(household_id, day)


@router.post("/{day}/heating", response_model=HeatingPlan)
async def plan_heating(
    household_id: UUID,
    day: date,
    device_id: UUID,
    indoor_c: float = Query(ge=-10, le=35),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> HeatingPlan:
    require_household(principal, household_id)
    household = await container.households.get(household_id)
    device = await container.devices.get(device_id)
    prefs = await container.preferences.effective(household_id)
    try:
        forecast = await container.weather.outdoor_forecast(household.region)
        outdoor = [float(t) for t in forecast["temp_c"][:48:2] for _ in (0, 1)]
    except Exception:
        log.warning("forecast_unavailable_using_default", region=household.region, exc_info=True)
        outdoor = [8.0] * 48
    return await container.scheduling.plan_heating(
        household_id, device, day, outdoor, indoor_c, prefs.comfort_min_c, prefs.comfort_max_c
    )


@router.post("/{day}/replan", response_model=list[ChargePlan])
async def replan_day(
    household_id: UUID,
    day: date,
    socs: dict[UUID, float],
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[ChargePlan]:
    require_household(principal, household_id)
    prefs = await container.preferences.effective(household_id)
    return await container.scheduling.replan_household(household_id, day, socs, prefs.battery_reserve_pct / 100)
