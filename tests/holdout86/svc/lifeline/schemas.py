from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class DonorIn(BaseModel):
    national_id: str = Field(min_length=6, max_length=32)
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    sex: str = Field(pattern="^[MF]$")
    abo: str = Field(pattern="^(O|A|B|AB)$")
    rh: str = Field(pattern="^[+-]$")
    birth_date: datetime


class DonorOut(BaseModel):
    id: int
    first_name: str
    last_name: str
    abo: str
    rh: str
    last_donation_at: datetime | None = None


class EligibilityOut(BaseModel):
    eligible: bool
    reasons: list[str]
    next_eligible_at: datetime | None = None


class BookingIn(BaseModel):
    slot_id: int
    donor_id: int


class UnitIn(BaseModel):
    bag_barcode: str
    donor_id: int
    site_id: int
    collected_at: datetime


class TestPanelIn(BaseModel):
    hiv: str
    hbv: str
    hcv: str
    syphilis: str
    outcome: str = Field(pattern="^(negative|reactive|indeterminate)$")


class OrderIn(BaseModel):
    hospital_id: int
    patient_ref: str
    kind: str
    abo: str
    rh: str
    quantity: int = Field(ge=1, le=20)
    urgency: str = Field(default="routine", pattern="^(routine|urgent|emergency)$")


class ReadingIn(BaseModel):
    sensor_id: str
    celsius: float
    recorded_at: datetime


class ReadingBatch(BaseModel):
    readings: list[ReadingIn] = Field(max_length=5000)


class PositionIn(BaseModel):
    lat: float
    lon: float
    at: datetime
