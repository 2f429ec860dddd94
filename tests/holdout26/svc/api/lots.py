"""Lot catalogue routes."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel, Field

from svc.api.deps import current_account_id, lot_service, shipping_service
from svc.services.lots import LotService
from svc.services.shipping import ShippingService

router = APIRouter(prefix="/lots", tags=["lots"])


class LotIn(BaseModel):
    title: str = Field(min_length=3, max_length=200)
    description: str = ""
    category: str
    starting_cents: int = Field(gt=0)
    reserve_cents: int | None = None
    weight_grams: int = 0
    ends_at: datetime


@router.post("", status_code=201)
async def create_lot(
    body: LotIn,
    seller_id: int = Depends(current_account_id),
    lots: LotService = Depends(lot_service),
) -> dict[str, int]:
    return {"id": await lots.create(seller_id, body.model_dump())}


@router.post("/{lot_id}/photos", status_code=201)
async def upload_photo(
    lot_id: int,
    photo: UploadFile = File(...),
    seller_id: int = Depends(current_account_id),
    lots: LotService = Depends(lot_service),
) -> dict[str, str]:
    data = await photo.read()
    suffix = ".png" if photo.content_type == "image/png" else ".jpg"
    return {"path": await lots.attach_photo(seller_id, lot_id, data, suffix)}


@router.get("/search")
async def search(
    q: str = Query(min_length=2, max_length=80), lots: LotService = Depends(lot_service)
) -> list[dict[str, Any]]:
    return await lots.search(q)


@router.get("/category/{category}")
async def browse(
    category: str, after_id: int | None = None, lots: LotService = Depends(lot_service)
) -> list[dict[str, Any]]:
    return await lots.category_page(category, after_id)


@router.get("/mine")
async def my_lots(
    seller_id: int = Depends(current_account_id), lots: LotService = Depends(lot_service)
) -> list[dict[str, Any]]:
    return await lots.seller_dashboard(seller_id)


@router.get("/{lot_id}")
async def lot_detail(
    lot_id: int,
    currency: str = "USD",
    viewer_id: int = Depends(current_account_id),
    lots: LotService = Depends(lot_service),
) -> dict[str, Any]:
    return await lots.lot_view(lot_id, viewer_id, currency.upper())


@router.get("/{lot_id}/shipping")
async def shipping_quotes(
    lot_id: int,
    origin: str,
    destination: str,
    shipping: ShippingService = Depends(shipping_service),
) -> dict[int, list[dict[str, Any]]]:
    return await shipping.quotes_for_lots([lot_id], origin, destination)


@router.post("/watchlist/shipping")
async def watchlist_shipping(
    lot_ids: list[int],
    origin: str,
    destination: str,
    _: int = Depends(current_account_id),
    shipping: ShippingService = Depends(shipping_service),
) -> dict[int, list[dict[str, Any]]]:
    return await shipping.watchlist_quotes(lot_ids[:100], origin, destination)


@router.get("/{lot_id}/tracking")
async def tracking(
    lot_id: int, shipping: ShippingService = Depends(shipping_service)
) -> dict[str, Any]:
    return await shipping.tracking(lot_id)
