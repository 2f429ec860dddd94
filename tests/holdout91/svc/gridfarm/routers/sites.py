from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import db_session, kpi_service, overview_service
from ..repositories.sites import SiteRepository
from ..schemas import SiteOut
from ..services.kpi import KpiService
from ..services.plant_overview import PlantOverviewService
from ..utils.timeutil import utcnow

router = APIRouter(prefix="/sites", tags=["sites"])


@router.get("", response_model=list[SiteOut])
async def list_sites(session: AsyncSession = Depends(db_session)):
    sites = await SiteRepository(session).all()
    return [SiteOut.model_validate(s, from_attributes=True) for s in sites]


@router.get("/inventory")
async def inventory(session: AsyncSession = Depends(db_session)):
    sites = await SiteRepository(session).all_with_assets()
    return [{"code": s.code, "assets": [a.serial for a in s.assets]} for s in sites]


@router.get("/{site_id}/overview")
async def overview(site_id: int, svc: PlantOverviewService = Depends(overview_service)):
    return await svc.snapshot(site_id)


@router.get("/{site_id}/availability")
async def availability(site_id: int, session: AsyncSession = Depends(db_session),
                       kpi: KpiService = Depends(kpi_service)):
    return await kpi.availability(session, site_id, utcnow().date())
