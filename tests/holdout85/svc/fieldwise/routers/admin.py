from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends

from fieldwise.deps import Principal, require_farm, services
from fieldwise.repositories.alerts import AlertRepository
from fieldwise.services.container import Services
from fieldwise.utils.timeutil import utcnow

router = APIRouter(prefix="/v1/farms/{farm_id}/alerts", tags=["alerts"])


@router.get("")
async def recent_alerts(farm_id: int, days: int = 7, _: Principal = Depends(require_farm),
                        deps: Services = Depends(services)):
    rows = await AlertRepository(deps.pg).recent_for_farm(farm_id, utcnow() - timedelta(days=days))
    return [dict(r) for r in rows]


@router.get("/search")
async def search_alerts(farm_id: int, q: str, _: Principal = Depends(require_farm),
                        deps: Services = Depends(services)):
    rows = await AlertRepository(deps.pg).search_messages(farm_id, q)
    return [dict(r) for r in rows]
