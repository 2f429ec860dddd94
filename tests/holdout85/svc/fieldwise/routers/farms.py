from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.deps import Principal, current_principal, get_session, require_farm, services
from fieldwise.repositories.farms import FarmRepository
from fieldwise.schemas.api import FarmOut, FieldStatus
from fieldwise.services.container import Services
from fieldwise.services.equipment import TelemetryService
from fieldwise.services.farms import FarmService

router = APIRouter(prefix="/v1/farms", tags=["farms"])


@router.get("", response_model=list[FarmOut])
async def my_farms(principal: Principal = Depends(current_principal),
                   session: AsyncSession = Depends(get_session)) -> list[FarmOut]:
    farms = await FarmRepository(session).list_for_owner(principal.user_id)
    return [FarmOut(id=f.id, name=f.name, timezone=f.timezone) for f in farms]


@router.get("/{farm_id}/status", response_model=list[FieldStatus])
async def farm_status(farm_id: int, _: Principal = Depends(require_farm),
                      session: AsyncSession = Depends(get_session),
                      deps: Services = Depends(services)) -> list[FieldStatus]:
    return await FarmService(session, deps).field_status(farm_id)


@router.get("/{farm_id}/status/v2", response_model=list[FieldStatus])
async def farm_status_v2(farm_id: int, _: Principal = Depends(require_farm),
                         session: AsyncSession = Depends(get_session),
                         deps: Services = Depends(services)) -> list[FieldStatus]:
    return await FarmService(session, deps).field_status_bulk(farm_id)


@router.get("/{farm_id}/fleet")
async def fleet(farm_id: int, _: Principal = Depends(require_farm), deps: Services = Depends(services)):
    hub = deps_hub(deps)
    return await TelemetryService(deps, hub).fleet(farm_id)


def deps_hub(deps: Services):
    from fieldwise.main import get_hub

    return get_hub()
