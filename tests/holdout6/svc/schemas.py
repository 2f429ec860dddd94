"""Pydantic models exchanged over the API."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class ClinicOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    slug: str
    name: str
    timezone: str


class PractitionerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    clinic_id: int
    name: str
    specialty: str


class SlotOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    practitioner_id: int
    starts_at: datetime
    ends_at: datetime


class PractitionerDay(BaseModel):
    practitioner: PractitionerOut
    slots: list[SlotOut]


class HoldRequest(BaseModel):
    slot_id: int
    patient_email: EmailStr
    patient_name: str = Field(min_length=1, max_length=200)
    phone: str | None = None
    payer_id: str | None = None
    member_id: str | None = None


class RescheduleRequest(BaseModel):
    new_slot_id: int


class BookingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slot_id: int
    practitioner_id: int
    patient_id: int
    status: str
    hold_expires_at: datetime | None = None
    confirmed_at: datetime | None = None


class BookingPage(BaseModel):
    items: list[BookingOut]
    next_after: int | None


class BookingRow(BaseModel):
    id: int
    status: str
    practitioner_name: str
    starts_at: datetime


class EligibilityResult(BaseModel):
    eligible: bool
    plan_name: str | None = None
    copay_cents: int | None = None
    degraded: bool = False


class VideoSession(BaseModel):
    room_id: str
    join_url: str
    token: str
    expires_at: datetime


class AuditEvent(BaseModel):
    entity_type: str
    entity_id: int
    action: str
    actor_id: int | None = None
    payload: dict = Field(default_factory=dict)
