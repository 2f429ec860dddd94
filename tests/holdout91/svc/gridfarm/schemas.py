from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class TelemetryPoint(BaseModel):
    asset_id: int
    ts: datetime
    metric: str
    value: float


class TelemetryBatch(BaseModel):
    gateway_id: str
    site_id: int
    points: list[TelemetryPoint] = Field(default_factory=list)


class AlarmOut(BaseModel):
    id: int
    site_id: int
    asset_id: int | None
    code: str
    severity: int
    raised_at: datetime
    acknowledged_at: datetime | None = None


class AckRequest(BaseModel):
    operator: str
    note: str | None = None


class CurtailmentCommand(BaseModel):
    command_id: str
    site_id: int
    limit_kw: float
    starts_at: datetime
    ends_at: datetime | None = None


class WorkOrderIn(BaseModel):
    site_id: int
    asset_id: int | None = None
    title: str
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    alarm_id: int | None = None


class WorkOrderOut(WorkOrderIn):
    id: int
    status: str
    technician_id: int | None = None


class NominationIn(BaseModel):
    site_id: int
    delivery_day: str
    hourly_mwh: list[float] = Field(min_length=24, max_length=25)


class SiteOut(BaseModel):
    id: int
    code: str
    name: str
    kind: Literal["wind", "solar", "hybrid"]
    capacity_kw: float


class OverviewAsset(BaseModel):
    active_power_kw: float | None = None
    wind_speed: float | None = None
    irradiance: float | None = None
    state: float | None = None


class OverviewSnapshot(BaseModel):
    site_id: int
    at: datetime
    total_kw: float
    assets: dict[int, OverviewAsset] = Field(default_factory=dict)


class AvailabilityOut(BaseModel):
    site_id: int
    day: str
    availability_pct: float | None = None
    assets: dict[int, float] = Field(default_factory=dict)


class SettlementOut(BaseModel):
    site_code: str
    day: str
    energy_mwh: float
    revenue_eur: str
    availability_pct: float


class GatewayStatus(BaseModel):
    gateway_id: str
    last_seen: datetime
    site_id: int | None = None
