from __future__ import annotations

import asyncio
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from homegrid.api.deps import current_principal, get_container, require_admin, require_household
from homegrid.container import Container
from homegrid.utils.timeutil import utcnow
from homegrid.models import DREvent, Household, HouseholdCreate, HouseholdSummary, Preferences
from homegrid.models import Principal

router = APIRouter(prefix="/v1/households", tags=["households"])


@router.post("", response_model=Household, status_code=201)
async def create_household(
    data: HouseholdCreate,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> Household:
    return await container.households.create(data)


@router.get("", response_model=list[HouseholdSummary])
async def list_households(
    utility_id: str,
    after: UUID | None = None,
    limit: int = Query(default=50, le=200),
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> list[HouseholdSummary]:
    households = await container.households.list_page(utility_id, after, limit)
    summaries = []
    for household in households:
        total, online = await container.devices.count_for_household(household.id)
        summaries.append(HouseholdSummary(household=household, device_count=total, online_count=online))
    return summaries


@router.get("/{household_id}", response_model=Household)
async def get_household(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Household:
    require_household(principal, household_id)
    return await container.households.get(household_id)


@router.get("/{household_id}/preferences", response_model=Preferences)
async def get_preferences(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Preferences:
    require_household(principal, household_id)
    return await container.preferences.effective(household_id)


@router.patch("/{household_id}/preferences", response_model=Preferences)
async def patch_preferences(
    household_id: UUID,
    changes: dict,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Preferences:
    require_household(principal, household_id)
    return await container.preferences.update(household_id, changes)


@router.get("/{household_id}/events", response_model=list[DREvent])
async def upcoming_events(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[DREvent]:
    require_household(principal, household_id)
    return await container.events.upcoming_for_household(household_id, utcnow())


@router.get("/{household_id}/overview")
async def household_overview(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    require_household(principal, household_id)
    household, devices, balance = await asyncio.gather(
        container.households.get(household_id),
        container.devices.list_for_household(household_id),
        container.settlement.balance(household_id),
    )
    return {
        "household": household.model_dump(mode="json"),
        "devices": len(devices),
        "online": sum(1 for d in devices if d.status == "online"),
        "credit_pence": balance.credit_pence,
    }


@router.put("/{household_id}/tariff/{tariff_id}", status_code=204)
async def set_tariff(
    household_id: UUID,
    tariff_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> None:
    require_household(principal, household_id)
    await container.tariffs.tariff(tariff_id)
    await container.households.set_tariff(household_id, tariff_id)
    await container.audit.record(str(principal.user_id), "household.tariff", str(household_id), {"tariff": str(tariff_id)})
