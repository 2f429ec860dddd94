from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories import ApplicationRepository
from ..services.pricing import PricingService
from ..services.rate_locks import RateLockService
from .deps import current_user, get_cache, get_session

router = APIRouter(prefix="/applications/{application_id}/pricing", tags=["pricing"])


class LockIn(BaseModel):
    product: str
    lock_days: int
    fico: int


def _services(request: Request, session: AsyncSession, cache) -> tuple[PricingService, RateLockService]:
    pricing = PricingService(session, request.app.state.pricing_feed, cache)
    return pricing, RateLockService(session, pricing, cache)


@router.get("/quotes")
async def quotes(
    application_id: int,
    fico: int,
    request: Request,
    session: AsyncSession = Depends(get_session),
    cache=Depends(get_cache),
    _: dict = Depends(current_user),
) -> list[dict[str, Any]]:
    app = await ApplicationRepository(session).get(application_id)
    if app is None:
        raise HTTPException(404, "application not found")
    pricing, _locks = _services(request, session, cache)
    return await pricing.quote(app, fico)


@router.post("/lock", status_code=201)
async def lock(
    application_id: int,
    body: LockIn,
    request: Request,
    session: AsyncSession = Depends(get_session),
    cache=Depends(get_cache),
    _: dict = Depends(current_user),
) -> dict[str, Any]:
    app = await ApplicationRepository(session).get(application_id)
    if app is None:
        raise HTTPException(404, "application not found")
    _pricing, locks = _services(request, session, cache)
    lock = await locks.lock_rate(app, body.fico, body.product, body.lock_days)
    return {"id": lock.id, "expires_at": lock.expires_at.isoformat()}


@router.post("/lock/extend")
async def extend(
    application_id: int,
    request: Request,
    session: AsyncSession = Depends(get_session),
    cache=Depends(get_cache),
    _: dict = Depends(current_user),
) -> dict[str, Any]:
    _pricing, locks = _services(request, session, cache)
    lock = await locks.extend(application_id)
    return {"id": lock.id, "extensions": lock.extension_count}
