from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends, Query

from homegrid.api.deps import beta_dashboard_enabled, current_principal, get_container, require_household
from homegrid.container import Container
from homegrid.models import Principal

router = APIRouter(prefix="/v1/households/{household_id}/dashboard", tags=["dashboard"])


@router.get("")
async def overview(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    beta: bool = Depends(beta_dashboard_enabled),
    container: Container = Depends(get_container),
) -> dict:
    require_household(principal, household_id)
    data = await container.dashboard.overview(household_id)
    data["layout"] = "v2" if beta else "v1"
    return data


@router.get("/forecast")
async def forecast(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict:
    require_household(principal, household_id)
    return await container.dashboard.device_forecast(household_id)


@router.get("/events")
async def recent_events(
    household_id: UUID,
    count: int = Query(default=50, le=500),
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[dict]:
    require_household(principal, household_id)
    return await container.live.recent_events(household_id, count)
