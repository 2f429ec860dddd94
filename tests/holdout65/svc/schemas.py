from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, EmailStr, Field


class BookingCreate(BaseModel):
    restaurant_id: int
    starts_at: datetime
    party_size: int = Field(ge=1, le=30)
    first_name: str
    last_name: str
    phone: str
    email: EmailStr | None = None
    special_requests: str | None = Field(default=None, max_length=500)
    channel: str = "web"


class BookingOut(BaseModel):
    id: int
    restaurant_id: int
    starts_at: datetime
    party_size: int
    status: str
    table_id: int | None = None
    deposit_client_secret: str | None = None


class DayBookingRow(BaseModel):
    id: int
    starts_at: datetime
    party_size: int
    status: str
    table_id: int | None
    guest_name: str
    guest_tags: list[str] = []
    visit_count: int = 0


class WaitlistCreate(BaseModel):
    restaurant_id: int
    guest_name: str
    phone: str
    party_size: int = Field(ge=1, le=20)


class WaitlistOut(BaseModel):
    id: int
    position: int
    quoted_minutes: int
    status: str


class SeatRequest(BaseModel):
    table_id: int


class PartnerBookingEvent(BaseModel):
    event_id: str
    type: str
    reference: str
    restaurant_slug: str
    starts_at: datetime
    party_size: int
    guest: dict
    callback_url: str | None = None


class AvailabilityQuery(BaseModel):
    restaurant_id: int
    day: date
    party_size: int
