from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import db_session, forecast_service
from ..repositories.sites import SiteRepository
from ..services.forecast_service import ForecastService

router = APIRouter(prefix="/forecasts", tags=["forecasts"])


@router.get("/{site_id}")
async def production_forecast(site_id: int, horizon: datetime, session: AsyncSession = Depends(db_session),
                              svc: ForecastService = Depends(forecast_service)):
    site = await SiteRepository(session).get(site_id)
    return {"site": site.code, "hourly_kw": await svc.production(session, site, horizon)}


@router.get("/{site_id}/stored")
async def stored_forecast(site_id: int, session: AsyncSession = Depends(db_session),
                          svc: ForecastService = Depends(forecast_service)):
    return {"hourly_kw": await svc.stored_or_empty(session, site_id)}
