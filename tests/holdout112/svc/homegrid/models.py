from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field

class Household(BaseModel):
    id: UUID
    external_ref: str
    name: str
    timezone: str
    utility_id: str
    region: str
    tariff_id: UUID | None = None
    meter_mpan: str | None = None
    created_at: datetime


class HouseholdCreate(BaseModel):
    external_ref: str = Field(min_length=3, max_length=64)
    name: str
    timezone: str = "Europe/London"
    utility_id: str
    region: str
    meter_mpan: str | None = None


class HouseholdSummary(BaseModel):
    household: Household
    device_count: int
    online_count: int


class Preferences(BaseModel):
    comfort_min_c: float = 19.0
    comfort_max_c: float = 22.0
    battery_reserve_pct: int = 20
    ev_ready_by: str = "07:30"
    dr_auto_opt_in: bool = True
    notify_channels: list[str] = Field(default_factory=lambda: ["push"])


class DeviceKind(str, Enum):
    thermostat = "thermostat"
    heat_pump = "heat_pump"
    battery = "battery"
    ev_charger = "ev_charger"


class Device(BaseModel):
    id: UUID
    household_id: UUID
    kind: DeviceKind
    model: str
    serial: str
    mqtt_client_id: str
    firmware_version: str
    capacity_kwh: float | None = None
    max_power_kw: float | None = None
    status: str
    last_seen_at: datetime | None = None


class DeviceRegister(BaseModel):
    kind: DeviceKind
    model: str
    serial: str
    mqtt_client_id: str
    firmware_version: str
    capacity_kwh: float | None = None
    max_power_kw: float | None = None


class TelemetryPoint(BaseModel):
    metric: str
    value: float
    ts: datetime


class BridgeMessage(BaseModel):
    message_id: str
    topic: str
    points: list[TelemetryPoint] = Field(max_length=500)


class BridgeBatch(BaseModel):
    client_id: str
    messages: list[BridgeMessage] = Field(max_length=200)


class TelemetryRow(BaseModel):
    device_id: UUID
    household_id: UUID
    ts: datetime
    metric: str
    value: float
    message_id: str


class DREvent(BaseModel):
    id: UUID
    utility_id: str
    external_id: str
    region: str
    starts_at: datetime
    ends_at: datetime
    target_kw: float
    opt_out_minutes: int
    status: str


class DREventIn(BaseModel):
    external_id: str
    region: str
    starts_at: datetime
    ends_at: datetime
    target_kw: float
    opt_out_minutes: int = 30


class Participation(BaseModel):
    id: UUID
    event_id: UUID
    household_id: UUID
    status: str
    opted_out_at: datetime | None = None


class Command(BaseModel):
    id: UUID
    device_id: UUID
    dr_event_id: UUID | None = None
    kind: str
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: datetime
    correlation_id: str
    acked_at: datetime | None = None


class CommandAck(BaseModel):
    correlation_id: str
    client_id: str
    ok: bool
    detail: str | None = None


class Tariff(BaseModel):
    id: UUID
    provider_code: str
    name: str
    export_rate: float


class PriceSlot(BaseModel):
    slot_start: datetime
    price_pence: float


class ChargeRequest(BaseModel):
    device_id: UUID
    day: date
    target_soc: float = Field(ge=0.0, le=1.0)
    current_soc: float = Field(ge=0.0, le=1.0)


class ChargePlan(BaseModel):
    device_id: UUID
    day: date
    slots_kw: list[float]
    soc_trajectory: list[float]
    cost_pence: float


class ReportRequest(BaseModel):
    period: str = Field(pattern=r"^\d{4}-\d{2}$")


class Report(BaseModel):
    id: UUID
    household_id: UUID
    period: str
    status: str
    storage_key: str | None = None
    created_at: datetime
    completed_at: datetime | None = None


class EnergySummary(BaseModel):
    household_id: UUID
    period: str
    import_kwh: float
    export_kwh: float
    cost_pence: float
    per_device: dict[str, float]


class FirmwareImage(BaseModel):
    id: UUID
    model: str
    version: str
    sha256: str
    url: str
    signature: str


class CampaignCreate(BaseModel):
    image_id: UUID
    device_ids: list[UUID] = Field(max_length=20000)
    exclude_ids: list[UUID] = Field(default_factory=list, max_length=20000)
    batch_size: int = Field(default=50, ge=1, le=500)


class Campaign(BaseModel):
    id: UUID
    image_id: UUID
    status: str
    batch_size: int


class Balance(BaseModel):
    household_id: UUID
    credit_pence: int


class SettlementExport(BaseModel):
    id: UUID
    utility_id: str
    period: str
    status: str
    row_count: int | None = None


class UserCreate(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10)
    household_id: UUID | None = None


class LoginRequest(BaseModel):
    email: EmailStr
    password: str


class Principal(BaseModel):
    user_id: UUID | None = None
    household_id: UUID | None = None
    role: str
    scopes: list[str] = []


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class CommandView(BaseModel):
    id: UUID
    kind: str
    status: str
    attempts: int
    correlation_id: str
    created_at: datetime | None = None
    acked_at: datetime | None = None


class EventPerformance(BaseModel):
    event_id: UUID
    household_id: UUID
    baseline_kw: float
    observed_kw: float

    @property
    def delivered_kw(self) -> float:
        return max(0.0, self.baseline_kw - self.observed_kw)


class CheapestWindow(BaseModel):
    start: datetime
    end: datetime
    average_price_pence: float


class DeviceStatusChange(BaseModel):
    device_id: UUID
    status: str
    at: datetime


class UtilityEventFeedItem(BaseModel):
    external_id: str
    region: str
    starts_at: datetime
    ends_at: datetime
    target_kw: float
    opt_out_minutes: int = 30

    def to_event_in(self) -> "DREventIn":
        return DREventIn(
            external_id=self.external_id, region=self.region, starts_at=self.starts_at,
            ends_at=self.ends_at, target_kw=self.target_kw, opt_out_minutes=self.opt_out_minutes,
        )


class HeatingPlan(BaseModel):
    device_id: UUID
    day: date
    setpoints_c: list[float]
    expected_cost_pence: float
