"""Merchant webhooks, carrier callbacks and customer-service admin actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, status
from pydantic import BaseModel, Field, HttpUrl

from svc import errors
from svc.api.deps import get_db, get_tracking, get_webhooks, merchant_rate_limit
from svc.clients.carrier import CarrierClient
from svc.config import get_settings
from svc.db.database import Database
from svc.repositories.shipments import ShipmentRepository
from svc.services import tracking as tracking_module
from svc.services.tracking import TrackingService
from svc.services.webhooks import WebhookService

router = APIRouter(tags=["merchants"])

EVENT_TYPES = ("shipment.status_changed", "shipment.delivered", "shipment.exception")


class EndpointIn(BaseModel):
    url: HttpUrl
    event_types: list[str] = Field(min_length=1)


class CarrierEventIn(BaseModel):
    reference: str
    code: str
    depot_id: int | None = None
    timestamp: datetime


class OverrideIn(BaseModel):
    label: str = Field(max_length=80)


@router.post("/v1/webhooks/endpoints", status_code=status.HTTP_201_CREATED)
async def register_endpoint(
    body: EndpointIn,
    merchant_id: int = Depends(merchant_rate_limit),
    webhooks: WebhookService = Depends(get_webhooks),
) -> dict[str, Any]:
    unknown = sorted(set(body.event_types) - set(EVENT_TYPES))
    if unknown:
        raise errors.ValidationFailedError("unknown event types", details={"unknown": unknown})
    endpoint = await webhooks.register(merchant_id, str(body.url), body.event_types)
    return {"id": endpoint.id, "url": endpoint.url}


@router.get("/v1/webhooks/dashboard")
async def webhook_dashboard(
    merchant_id: int = Depends(merchant_rate_limit),
    webhooks: WebhookService = Depends(get_webhooks),
) -> list[dict[str, Any]]:
    return await webhooks.dashboard(merchant_id)


@router.post("/carriers/northline/events", status_code=status.HTTP_202_ACCEPTED)
async def northline_event(
    body: CarrierEventIn,
    x_carrier_token: str = Header(...),
    db: Database = Depends(get_db),
    tracking: TrackingService = Depends(get_tracking),
) -> dict[str, str]:
    if x_carrier_token != get_settings().carrier_api_key:
        raise errors.AuthenticationError("bad carrier token")
    shipment = await ShipmentRepository(db).find_by_carrier_reference(CarrierClient.code, body.reference)
    if shipment is None:
        return {"status": "ignored"}
    await tracking.on_scan(shipment, body.code, body.depot_id or shipment["origin_depot_id"], body.timestamp)
    return {"status": "accepted"}


@router.put("/admin/shipments/{tracking_number}/status-override", status_code=status.HTTP_204_NO_CONTENT)
async def set_override(tracking_number: str, body: OverrideIn) -> None:
    tracking_module.set_status_override(tracking_number, body.label)


@router.delete("/admin/shipments/{tracking_number}/status-override", status_code=status.HTTP_204_NO_CONTENT)
async def clear_override(tracking_number: str) -> None:
    tracking_module.clear_status_override(tracking_number)
