from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field


class ScanRequest(BaseModel):
    raw_uid: str = Field(min_length=4, max_length=64)
    lift_id: int
    read_at: datetime | None = None


class ScanDecision(BaseModel):
    allowed: bool
    reason: str
    display_name: str | None = None
    rides_left: int | None = None


class TicketQuote(BaseModel):
    product_code: str
    valid_on: date
    age: int
    quantity: int = Field(default=1, ge=1, le=20)
    promo_code: str | None = None


class TicketPurchase(BaseModel):
    customer_id: int
    items: list[TicketQuote]
    payment_token: str


class PassActivation(BaseModel):
    media_uid: str
    pin: str | None = None


class LessonBookingRequest(BaseModel):
    customer_id: int
    lesson_id: int
    notes: str | None = None


class RentalLineIn(BaseModel):
    item_id: int
    quantity: int = Field(default=1, ge=1, le=10)


class RentalCheckout(BaseModel):
    customer_id: int
    lines: list[RentalLineIn]
    days: int = Field(default=1, ge=1, le=14)
    payment_token: str


class LiftStatusUpdate(BaseModel):
    status: Literal["open", "hold", "closed", "wind_hold"]
    message: str | None = None


class ConditionsOut(BaseModel):
    station_id: str
    observed_at: datetime
    temperature: float | None
    new_snow: float | None
    base_depth: float | None
    units: Literal["metric", "imperial"]


class PriceOut(BaseModel):
    product_code: str
    unit_price: Decimal
    total: Decimal
