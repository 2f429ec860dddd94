from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator


class FarmOut(BaseModel):
    id: int
    name: str
    timezone: str


class FieldIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    crop_type: str | None = None
    boundary: dict[str, Any]


class FieldOut(BaseModel):
    id: int
    farm_id: int
    name: str
    crop_type: str | None
    area_ha: float
    centroid_lat: float
    centroid_lon: float


class FieldStatus(BaseModel):
    field_id: int
    name: str
    moisture_pct: float | None
    temperature_c: float | None
    last_reading_at: datetime | None


class ReadingIn(BaseModel):
    serial: str
    ts: datetime
    moisture_pct: float | None = None
    temperature_c: float | None = None
    humidity_pct: float | None = None
    rain_mm: float | None = None

    @field_validator("moisture_pct")
    @classmethod
    def _moisture_range(cls, v: float | None) -> float | None:
        if v is not None and not 0.0 <= v <= 100.0:
            raise ValueError("moisture_pct out of range")
        return v


class ReadingBatch(BaseModel):
    gateway_id: str
    readings: list[ReadingIn] = Field(max_length=5000)


class ScheduleIn(BaseModel):
    valve_id: str
    start_at: datetime
    duration_min: int = Field(gt=0, le=720)
    liters: float = Field(gt=0)


class ScheduleOut(BaseModel):
    id: int
    field_id: int
    valve_id: str
    next_run_at: datetime
    duration_min: int
    status: str


class SceneOut(BaseModel):
    id: int
    field_id: int
    source: Literal["drone", "satellite"]
    captured_at: datetime
    status: str
    ndvi_mean: float | None


class YieldRow(BaseModel):
    field_id: int
    crop: str
    tonnes: float
    tonnes_per_ha: float | None


class LoginIn(BaseModel):
    email: str
    password: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
