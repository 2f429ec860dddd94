"""Shipping (quotes, labels, tracking) and returns intake."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, UploadFile
from pydantic import BaseModel, Field

from svc.api.deps import returns_service, shipping_service, station_map
from svc.services.returns import ReturnsService
from svc.services.shipping import ShippingService

router = APIRouter(tags=["fulfilment"])

MAX_PHOTO_BYTES = 8 * 1024 * 1024


class LabelIn(BaseModel):
    station: str
    rate_id: str


class WaveQuoteIn(BaseModel):
    order_weights: dict[int, int] = Field(description="order id -> parcel weight in grams")


class ReturnIn(BaseModel):
    rma_number: str = Field(min_length=4, max_length=32)
    order_id: int


@router.post("/shipments/{order_id}/quote")
async def quote(
    order_id: int, grams: int = Query(gt=0), service: ShippingService = Depends(shipping_service)
) -> dict[str, Any]:
    return await service.quote(order_id, grams)


@router.post("/shipments/wave-quotes")
async def wave_quotes(body: WaveQuoteIn, service: ShippingService = Depends(shipping_service)) -> list[dict[str, Any]]:
    return await service.quote_wave(body.order_weights)


@router.post("/shipments/{order_id}/label", status_code=201)
async def print_label(
    order_id: int, body: LabelIn, service: ShippingService = Depends(shipping_service)
) -> dict[str, Any]:
    return await service.print_label(order_id, body.station, body.rate_id)


@router.get("/stations")
def stations(mapping: dict[str, str] = Depends(station_map)) -> list[dict[str, str]]:
    return [{"station": station, "name": name} for station, name in sorted(mapping.items())]


@router.post("/returns", status_code=201)
async def open_return(body: ReturnIn, service: ReturnsService = Depends(returns_service)) -> dict[str, int]:
    return {"return_id": await service.open_return(body.rma_number, body.order_id)}


@router.post("/returns/{return_id}/items", status_code=201)
async def receive_item(
    return_id: int,
    sku: str = Form(...),
    grade: str = Form(...),
    photo: UploadFile = File(...),
    service: ReturnsService = Depends(returns_service),
) -> dict[str, Any]:
    if photo.size is not None and photo.size > MAX_PHOTO_BYTES:
        raise HTTPException(status_code=413, detail="photo too large")
    data = await photo.read()
    return await service.receive_item(return_id, sku, grade, data)


@router.get("/returns/{return_id}")
async def return_summary(return_id: int, service: ReturnsService = Depends(returns_service)) -> dict[str, Any]:
    return await service.summary(return_id)
