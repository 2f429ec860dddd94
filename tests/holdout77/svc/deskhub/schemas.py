from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class ORMModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class LocationOut(ORMModel):
    id: int
    slug: str
    name: str
    timezone: str


class LocationDetail(LocationOut):
    space_counts: dict[str, int]


class BookingIn(BaseModel):
    space_id: int
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    title: str | None = Field(default=None, max_length=200)
    promo_code: str | None = Field(default=None, max_length=32)


class DeskBookingIn(BaseModel):
    location_id: int
    day: date


class MoveIn(BaseModel):
    space_id: int


class SwapIn(BaseModel):
    first_id: int
    second_id: int


class BookingOut(ORMModel):
    id: int
    space_id: int
    title: str | None
    starts_at: datetime
    ends_at: datetime
    status: str
    credits_used: Decimal
    price_pence: int


class PlanChangeIn(BaseModel):
    plan_code: str


class MemberOut(ORMModel):
    id: int
    name: str
    email: str
    company: str | None
    status: str


class InvoiceOut(ORMModel):
    id: int
    period_start: date
    period_end: date
    total_pence: int
    currency: str
    status: str


class PinIn(BaseModel):
    pin: str = Field(min_length=4, max_length=8)


class VisitorIn(BaseModel):
    location_id: int
    name: str = Field(min_length=1, max_length=200)
    email: str | None = None
    company: str | None = None
    expected_at: datetime


class VisitorOut(ORMModel):
    id: int
    location_id: int
    name: str
    company: str | None
    expected_at: datetime
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    badge_number: str | None


class PromoIn(BaseModel):
    percent_off: Decimal | None = Field(default=None, ge=0, le=100)
