"""Request and response models."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator


class LoadCreate(BaseModel):
    origin_city: str
    origin_state: str = Field(min_length=2, max_length=2)
    origin_lat: float
    origin_lon: float
    dest_city: str
    dest_state: str = Field(min_length=2, max_length=2)
    dest_lat: float
    dest_lon: float
    equipment: str = "dry_van"
    weight_lbs: int = Field(gt=0, le=80_000)
    pickup_at: datetime
    target_rate_cents: int | None = None
    notes: str | None = None


class LoadUpdate(BaseModel):
    pickup_at: datetime | None = None
    target_rate_cents: int | None = None
    notes: str | None = None
    weight_lbs: int | None = Field(default=None, gt=0, le=80_000)


class LoadOut(BaseModel):
    id: int
    reference_number: int
    status: str
    origin_city: str
    dest_city: str
    equipment: str
    pickup_at: datetime
    bid_count: int = 0
    agreed_rate_cents: int | None = None


class BidCreate(BaseModel):
    load_id: int
    rate_cents: int = Field(gt=0)


class BidOut(BaseModel):
    id: int
    load_id: int
    carrier_id: int
    rate_cents: int
    status: str


class QuoteRequest(BaseModel):
    origin: str
    destination: str
    equipment: str = "dry_van"
    pickup: date

    @field_validator("equipment")
    @classmethod
    def _known_equipment(cls, v: str) -> str:
        if v not in {"dry_van", "reefer", "flatbed", "step_deck"}:
            raise ValueError("unsupported equipment")
        return v


class QuoteOut(BaseModel):
    lane: str
    per_mile_cents: int
    total_cents: int
    miles: int
    source: str
    fuel_surcharge_cents: int = 0


class PositionIn(BaseModel):
    truck_id: str
    lat: float
    lon: float
    recorded_at: datetime
    speed_mph: float | None = None
    source: str = "gps"


class TenderWindow(BaseModel):
    minutes: int = Field(ge=5, le=24 * 60)
