"""Analytics dashboards for creators."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.db.engine import get_session
from podhost.deps import CurrentCreator, current_creator
from podhost.repositories.show_repo import ShowRepository
from podhost.services.analytics_service import AnalyticsService

router = APIRouter(prefix="/v1/analytics", tags=["analytics"])


async def _check_owner(session: AsyncSession, show_id: int, creator: CurrentCreator) -> None:
    show = await ShowRepository(session).get(show_id)
    if show is None or show.creator_id != creator.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "show not found")


@router.get("/shows/{show_id}")
async def show_analytics(
    show_id: int,
    request: Request,
    days: int = Query(default=30, ge=1, le=365),
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await _check_owner(session, show_id, creator)
    service = AnalyticsService(session, request.app.state.services.analytics_repo)
    return await service.show_summary(show_id, days=days)


@router.get("/shows/{show_id}/episodes")
async def episode_analytics(
    show_id: int,
    request: Request,
    days: int = Query(default=30, ge=1, le=90),
    creator: CurrentCreator = Depends(current_creator),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    await _check_owner(session, show_id, creator)
    service = AnalyticsService(session, request.app.state.services.analytics_repo)
    return await service.episode_breakdown(show_id, days=days)
