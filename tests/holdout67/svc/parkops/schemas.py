from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class StartSessionIn(BaseModel):
    plate: str = Field(min_length=2, max_length=16)
    zone_id: int
    minutes: int
    customer_token: str


class ExtendSessionIn(BaseModel):
    extra_minutes: int = Field(gt=0, le=240)
    customer_token: str


class SessionOut(BaseModel):
    id: int
    plate: str
    zone_id: int
    started_at: datetime
    ends_at: datetime
    status: str
    amount_cents: int
    zone_name: str | None = None

    model_config = {"from_attributes": True}


class QuoteOut(BaseModel):
    zone_id: int
    minutes: int
    amount_cents: int


class PermitIn(BaseModel):
    plate: str
    zone_id: int
    kind: str
    start: date


class PermitOut(BaseModel):
    id: int
    plate: str
    zone_id: int
    kind: str
    status: str
    valid_from: date
    valid_until: date

    model_config = {"from_attributes": True}


class SensorReadingIn(BaseModel):
    sensor: str
    bay: int
    occupied: bool
    battery_mv: int | None = None
    ts: datetime


class SensorBatchIn(BaseModel):
    zone: int
    readings: list[SensorReadingIn] = Field(max_length=1000)


class TicketIn(BaseModel):
    plate: str
    zone_id: int
    session_id: int | None = None


class AppealIn(BaseModel):
    reason: str = Field(min_length=10, max_length=4000)


class DecisionIn(BaseModel):
    upheld: bool
    note: str


class LoginIn(BaseModel):
    badge: str
    pin: str = Field(min_length=4, max_length=8)
