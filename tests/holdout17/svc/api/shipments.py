"""Merchant API: shipments, quotes, labels and manifests."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from svc.api.deps import current_merchant, get_labels, get_shipments, merchant_rate_limit
from svc.config import get_settings
from svc.services.labels import LabelService
from svc.services.shipments import ShipmentRequest, ShipmentService

router = APIRouter(prefix="/v1", tags=["shipments"])


class ShipmentIn(BaseModel):
    recipient_name: str = Field(max_length=200)
    recipient_phone: str | None = Field(default=None, max_length=32)
    line1: str = Field(max_length=200)
    postcode: str = Field(max_length=16)
    country: str = Field(min_length=2, max_length=2)
    weight_grams: int = Field(gt=0, le=30_000)
    origin_depot_id: int


class PickupSheetIn(BaseModel):
    tracking_numbers: list[str] = Field(min_length=1, max_length=200)
    sheet_name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")


@router.post("/shipments", status_code=status.HTTP_201_CREATED)
async def create_shipment(
    body: ShipmentIn,
    merchant_id: int = Depends(merchant_rate_limit),
    service: ShipmentService = Depends(get_shipments),
) -> dict[str, object]:
    return await service.create(merchant_id, ShipmentRequest(**body.model_dump()))


@router.get("/shipments")
async def list_shipments(
    before: datetime | None = None,
    limit: int = Query(50, ge=1, le=200),
    merchant_id: int = Depends(merchant_rate_limit),
    service: ShipmentService = Depends(get_shipments),
) -> list[dict[str, object]]:
    return await service.page(merchant_id, before, limit)


@router.get("/shipments/export")
async def export_shipments(
    before: datetime,
    merchant_id: int = Depends(merchant_rate_limit),
    service: ShipmentService = Depends(get_shipments),
) -> list[dict[str, object]]:
    return await service.export(merchant_id, before)


@router.get("/quotes")
async def quote(
    origin: str,
    destination: str,
    weight_grams: int = Query(gt=0, le=30_000),
    _: int = Depends(merchant_rate_limit),
    service: ShipmentService = Depends(get_shipments),
) -> dict[str, Decimal]:
    return {"amount": await service.quote(origin, destination, weight_grams)}


@router.post("/shipments/{tracking_number}/cancel", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_shipment(
    tracking_number: str,
    merchant_id: int = Depends(merchant_rate_limit),
    service: ShipmentService = Depends(get_shipments),
) -> None:
    await service.cancel(merchant_id, tracking_number)


@router.post("/shipments/{tracking_number}/label", status_code=status.HTTP_201_CREATED)
async def generate_label(
    tracking_number: str,
    _: int = Depends(merchant_rate_limit),
    labels: LabelService = Depends(get_labels),
) -> dict[str, str]:
    path = await labels.create_label(tracking_number, fmt="pdf", copies=1)
    return {"label": path.name}


@router.get("/shipments/{tracking_number}/label")
async def download_label(
    tracking_number: str,
    _: int = Depends(merchant_rate_limit),
    labels: LabelService = Depends(get_labels),
) -> Response:
    pdf = await labels.label_bytes(tracking_number)
    return Response(content=pdf, media_type="application/pdf")


@router.post("/pickup-sheets", status_code=status.HTTP_201_CREATED)
async def create_pickup_sheet(
    body: PickupSheetIn,
    _: int = Depends(merchant_rate_limit),
    labels: LabelService = Depends(get_labels),
) -> dict[str, str]:
    path = await labels.pickup_sheet(body.tracking_numbers, body.sheet_name)
    return {"sheet": path.name}


@router.get("/manifests/{day}")
def download_manifest(day: date, merchant_id: int = Depends(current_merchant)) -> Response:
    path = Path(get_settings().label_dir) / "manifests" / str(merchant_id) / f"{day.isoformat()}.csv"
    try:
        with open(path, "rb") as fh:
            content = fh.read()
    except FileNotFoundError:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="manifest not ready") from None
    return Response(content=content, media_type="text/csv")
