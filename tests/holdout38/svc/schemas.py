from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, EmailStr, Field


class RegisterIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10)
    first_name: str
    last_name: str
    date_of_birth: dt.date
    phone: str | None = None


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"


class HoldIn(BaseModel):
    slot_id: int


class HoldOut(BaseModel):
    slot_id: int
    hold_token: str
    expires_in: int


class ConfirmIn(BaseModel):
    slot_id: int
    hold_token: str
    reason: str | None = Field(default=None, max_length=500)


class RescheduleIn(BaseModel):
    new_slot_id: int
    hold_token: str


class BookingOut(BaseModel):
    appointment_id: str
    confirmation_code: str


class InsuranceIn(BaseModel):
    payer_id: str
    member_id: str


class PrescriptionIn(BaseModel):
    appointment_id: str
    drug_ndc: str = Field(pattern=r"^\d{11}$")
    sig: str
    quantity: int
    refills: int = 0
    pharmacy_ncpdp: str = Field(pattern=r"^\d{7}$")


class PharmacyWebhookIn(BaseModel):
    networkMessageId: str
    status: str


class PublishSlotsIn(BaseModel):
    start: dt.datetime
    end: dt.datetime


class FlagIn(BaseModel):
    value: bool
