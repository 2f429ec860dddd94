from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from svc.db.models import Shipment, TrackingEvent
from svc.services.pricing import QuoteRequest


class ParcelIn(BaseModel):
    weight_grams: int = Field(gt=0, le=70_000)
    length_mm: int = Field(gt=0, le=3_000)
    width_mm: int = Field(gt=0, le=3_000)
    height_mm: int = Field(gt=0, le=3_000)


class ShipmentCreate(BaseModel):
    customer_id: int
    carrier_code: str
    service_code: str = "standard"
    reference: str | None = Field(default=None, max_length=128)
    origin_country: str = Field(min_length=2, max_length=2)
    origin_postcode: str
    destination_country: str = Field(min_length=2, max_length=2)
    destination_postcode: str
    destination_address: str
    declared_value_cents: int = 0
    notify_email: EmailStr | None = None
    notify_phone: str | None = None
    parcels: list[ParcelIn] = Field(min_length=1, max_length=50)

    @property
    def total_weight(self) -> int:
        return sum(p.weight_grams for p in self.parcels)

    def to_quote_request(self) -> QuoteRequest:
        return QuoteRequest(
            origin_country=self.origin_country,
            origin_postcode=self.origin_postcode,
            destination_country=self.destination_country,
            destination_postcode=self.destination_postcode,
            destination_address=self.destination_address,
            weight_grams=self.total_weight,
            declared_value_cents=self.declared_value_cents,
            parcels=len(self.parcels),
        )

    def carrier_payload(self) -> dict[str, Any]:
        return {
            "service": self.service_code,
            "reference": self.reference,
            "shipper": {"country": self.origin_country, "postcode": self.origin_postcode},
            "consignee": {
                "country": self.destination_country,
                "postcode": self.destination_postcode,
                "address": self.destination_address,
                "phone": self.notify_phone,
            },
            "parcels": [p.model_dump() for p in self.parcels],
        }


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    status: str
    description: str
    location: str | None
    occurred_at: datetime


class ShipmentOut(BaseModel):
    tracking_number: str
    reference: str | None
    status: str
    carrier_id: int
    service_code: str
    eta: datetime | None
    delivered_at: datetime | None
    price_cents: int | None
    currency: str
    latest_event: EventOut | None = None

    @classmethod
    def from_model(cls, shipment: Shipment, latest: TrackingEvent | None) -> ShipmentOut:
        return cls(
            tracking_number=shipment.tracking_number,
            reference=shipment.reference,
            status=shipment.status,
            carrier_id=shipment.carrier_id,
            service_code=shipment.service_code,
            eta=shipment.eta,
            delivered_at=shipment.delivered_at,
            price_cents=shipment.price_cents,
            currency=shipment.currency,
            latest_event=EventOut.model_validate(latest) if latest is not None else None,
        )


class ShipmentPage(BaseModel):
    page: int
    page_size: int
    items: list[ShipmentOut]


class ShipmentFeed(BaseModel):
    items: list[ShipmentOut]
    next_after_id: int | None


class PickupIn(BaseModel):
    window_start: datetime
    window_end: datetime


class CarrierOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    active: bool
    support_email: str | None = None


class ApiKeyCreate(BaseModel):
    label: str = Field(default="", max_length=100)


class PublicTracking(BaseModel):
    tracking_number: str
    status: str
    eta: datetime | None
    events: list[EventOut]
