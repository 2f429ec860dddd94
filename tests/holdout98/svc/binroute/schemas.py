from __future__ import annotations

from datetime import date

from pydantic import BaseModel, EmailStr, Field


class MissedReportIn(BaseModel):
    bin_id: str = Field(min_length=3, max_length=32)
    email: EmailStr
    description: str | None = Field(default=None, max_length=2000)


class MissedReportOut(BaseModel):
    id: int
    bin_id: str
    status: str


class BulkyBookingIn(BaseModel):
    depot_id: str
    slot_date: date
    address: str = Field(max_length=300)
    items: list[str] = Field(min_length=1, max_length=6)
    card_token: str
    phone: str = Field(pattern=r"^\+?[0-9 ]{8,16}$")


class BulkyBookingOut(BaseModel):
    booking_id: int
    reference: str
    amount_pence: int
    status: str


class SkipStopIn(BaseModel):
    bin_id: str
    reason: str = Field(max_length=200)
    lat: float
    lon: float


class MoveStopIn(BaseModel):
    from_route: int
    to_route: int
    bin_id: str


class BinPatchIn(BaseModel):
    depot_id: str | None = None
    stream: str | None = Field(default=None, pattern="^(general|recycling|organic)$")
    capacity_litres: int | None = Field(default=None, gt=0, le=5000)
    address: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)
    retired: bool | None = None
    customer_id: int | None = None
