"""Request/response models."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field


class BookingIn(BaseModel):
    clinic_id: int
    vet_id: int
    pet_id: int
    starts_at: datetime
    duration_min: int = 15
    reason: str | None = Field(default=None, max_length=500)


class AppointmentOut(BaseModel):
    id: int
    clinic_id: int
    vet_id: int
    pet_id: int
    starts_at: datetime
    ends_at: datetime
    status: str


class NoteIn(BaseModel):
    vet_id: int
    summary: str = Field(max_length=300)
    body: dict = Field(default_factory=dict)


class LabOrderIn(BaseModel):
    pet_id: int
    panel: str


class RefillIn(BaseModel):
    prescription_id: int


class DispenseIn(BaseModel):
    drug_id: int
    quantity: int = Field(gt=0)
    reason: str = "dispense"


class TransferIn(BaseModel):
    src_clinic: int
    dst_clinic: int
    drug_id: int
    quantity: int = Field(gt=0)


class PaymentIn(BaseModel):
    amount: Decimal = Field(gt=0)


class IssueIn(BaseModel):
    pet_id: int
    procedure_codes: list[str] = Field(default_factory=list)


class PortalLoginIn(BaseModel):
    email: str
    pin: str = Field(min_length=4, max_length=8)


class CheckInIn(BaseModel):
    triage: str = "routine"
