from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.auth.deps import current_user
from pricewatch.db.engine import get_session
from pricewatch.db.models import User
from pricewatch.repositories.price_history import PriceHistoryRepository
from pricewatch.repositories.products import ProductRepository
from pricewatch.routers.history import history_repo
from pricewatch.schemas import ProductOut, TrackedProductOut, TrackRequest
from pricewatch.services.errors import NotFound
from pricewatch.services.tracking import TrackingService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/products", tags=["products"])


@router.get("", response_model=list[TrackedProductOut])
async def list_tracked(
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
    history: PriceHistoryRepository = Depends(history_repo),
):
    products = await ProductRepository(session).list_for_user(user.id)
    out = []
    for product in products:
        latest = await history.latest_price(product.id)
        item = TrackedProductOut.model_validate(product)
        if latest is not None:
            item.last_price = latest["price"]
            item.latest_observed_at = latest["observed_at"]
        out.append(item)
    return out


@router.post("", response_model=ProductOut, status_code=status.HTTP_201_CREATED)
async def track_product(
    body: TrackRequest,
    request: Request,
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
):
    service = TrackingService(session, request.app.state.product_cache)
    try:
        product = await service.track(user, str(body.url), body.label)
    except Exception as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    await request.app.state.extension_broker.publish(user.id, {"type": "tracked", "product_id": product.id})
    return product


@router.delete("/{product_id}", status_code=status.HTTP_204_NO_CONTENT)
async def untrack_product(
    product_id: int,
    request: Request,
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
):
    service = TrackingService(session, request.app.state.product_cache)
    try:
        await service.untrack(user, product_id)
    except NotFound:
        raise HTTPException(status_code=404, detail="product not tracked") from None


@router.get("/search", response_model=list[ProductOut])
async def search_products(
    q: str = Query(min_length=3, max_length=80),
    page: int = Query(default=0, ge=0, le=50),
    session: AsyncSession = Depends(get_session),
):
    return await ProductRepository(session).search(q, limit=20, offset=page * 20)


@router.get("/{product_id}")
async def get_product(product_id: int, request: Request):
    card = await request.app.state.product_cache.get_card(product_id)
    if card is None:
        raise HTTPException(status_code=404, detail="product not found")
    return card
