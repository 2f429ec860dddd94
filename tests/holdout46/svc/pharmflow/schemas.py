from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PrescriptionIn(BaseModel):
    external_id: str = Field(min_length=1, max_length=64)
    patient_id: int
    ndc: str
    drug_name: str
    quantity: int = Field(gt=0, le=10_000)
    days_supply: int = Field(gt=0, le=365)
    refills: int = Field(ge=0, le=11)
    sig: str
    schedule: int | None = Field(default=None, ge=2, le=5)
    pin: str | None = None


class PrescriptionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    external_id: str
    status: str
    ndc: str
    drug_name: str
    quantity: int
    refills_remaining: int
    pharmacy_id: int | None


class LotIn(BaseModel):
    ndc: str
    lot_number: str
    expires_on: dt.date
    quantity: int = Field(gt=0)
    unit_cost: Decimal = Field(gt=0)


class CountIn(BaseModel):
    counted: int = Field(ge=0)


class DispenseIn(BaseModel):
    override_justification: str | None = None


class DeliveryIn(BaseModel):
    prescription_id: int
    street: str
    city: str
    postal_code: str
    instructions: str | None = None


class CourierEvent(BaseModel):
    job_id: str
    status: str
    lat: float | None = None
    lng: float | None = None


class BatchClaimIn(BaseModel):
    prescription_ids: list[int] = Field(min_length=1, max_length=100)
