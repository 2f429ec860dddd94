from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, EmailStr, Field, model_validator


class GuestIn(BaseModel):
    email: EmailStr
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    phone: str | None = None
    loyalty_id: str | None = None


class StayRequest(BaseModel):
    hotel_id: int
    room_type_id: int
    rate_plan_id: int
    check_in: date
    check_out: date
    adults: int = Field(default=1, ge=1, le=8)
    children: int = Field(default=0, ge=0, le=6)

    @model_validator(mode="after")
    def _dates(self) -> StayRequest:
        if self.check_out <= self.check_in:
            raise ValueError("check_out must be after check_in")
        return self


class HoldIn(StayRequest):
    quantity: int = Field(default=1, ge=1, le=9)
    session_token: str = Field(min_length=8, max_length=64)


class HoldOut(BaseModel):
    id: int
    expires_at: datetime


class ReservationIn(StayRequest):
    guest: GuestIn
    hold_id: int | None = None
    session_token: str | None = None
    payment_token: str | None = None


class ReservationOut(BaseModel):
    id: int
    confirmation_code: str
    status: str
    check_in: date
    check_out: date
    total_amount: Decimal
    currency: str


class Quote(BaseModel):
    room_type_id: int
    rate_plan_id: int
    nightly: list[Decimal]
    total: Decimal
    currency: str


class RoomOut(BaseModel):
    id: int
    number: str
    floor: int
    hk_status: str
    room_type_code: str
    rate_plan_codes: list[str] = []


class HousekeepingUpdate(BaseModel):
    room_id: int
    status: str = Field(pattern="^(clean|dirty|inspected|out_of_order)$")
    attendant: str | None = None


class RateUpdate(BaseModel):
    rate_plan_id: int
    room_type_id: int
    stay_date: date
    amount: Decimal = Field(gt=0)
