from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator

from ..models import Reservation
from ..models.fleet import VEHICLE_CLASSES


class QuoteRequest(BaseModel):
    pickup_branch_id: str
    return_branch_id: str
    vehicle_class: str
    starts_at: datetime
    ends_at: datetime

    @field_validator("vehicle_class")
    @classmethod
    def known_class(cls, value: str) -> str:
        if value not in VEHICLE_CLASSES:
            raise ValueError(f"unknown vehicle class {value}")
        return value


class ReservationCreate(BaseModel):
    quote_id: str
    card_token: str


class ReservationOut(BaseModel):
    id: uuid.UUID
    code: str
    status: str
    vehicle_class: str
    pickup_branch_id: str
    return_branch_id: str
    starts_at: datetime
    ends_at: datetime
    quoted_total_cents: int
    surcharge_cents: int
    deposit_cents: int
    deposit_status: str

    @classmethod
    def from_model(cls, reservation: Reservation) -> "ReservationOut":
        return cls.model_validate(reservation, from_attributes=True)


class ExtendRequest(BaseModel):
    new_end: datetime


class ReturnRequest(BaseModel):
    returned_at: datetime
    fuel_in_pct: float = Field(ge=0, le=100)
    return_branch_id: str


class PinRequest(BaseModel):
    pin: str = Field(min_length=4, max_length=8)


class DamageRequest(BaseModel):
    amount_cents: int = Field(gt=0)
    notes: str = ""


class InspectionStart(BaseModel):
    reservation_id: uuid.UUID
    kind: str = Field(pattern="^(pickup|return)$")


class FlagUpdate(BaseModel):
    enabled: bool


class PickupCountOut(BaseModel):
    branch_id: str
    day: date
    pickups: int
