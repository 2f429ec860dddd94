"""Request and response bodies."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class ReadingIn(BaseModel):
    metric: str = Field(min_length=1, max_length=32)
    value: float
    ts: datetime
    unit: str | None = Field(default=None, max_length=16)
    quality: int = Field(default=0, ge=0, le=3)


class ReadingBatch(BaseModel):
    """One websocket frame from a device."""

    seq: int | None = None
    readings: list[ReadingIn] = Field(max_length=1000)


class BulkUpload(BaseModel):
    """Back-filled readings uploaded over HTTP, typically after a device was offline for days."""

    readings: list[ReadingIn]


class ReadingOut(BaseModel):
    ts: datetime
    metric: str
    value: float
    quality: int = 0


class ReadingPage(BaseModel):
    items: list[ReadingOut]
    next_before: datetime | None = None
    next_metric: str | None = None


class DeviceCreate(BaseModel):
    serial: str = Field(min_length=4, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(max_length=32)
    hardware_rev: str = Field(max_length=16)
    secret: SecretStr
    latitude: float | None = None
    longitude: float | None = None


class DeviceCreated(BaseModel):
    id: uuid.UUID


class DeviceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    serial: str
    name: str
    kind: str
    hardware_rev: str
    firmware_version: str | None = None
    locality: str | None = None
    last_seen_at: datetime | None = None


class DeviceStatus(BaseModel):
    id: uuid.UUID
    name: str
    online: bool
    last_metric: str | None = None
    last_value: float | None = None
    last_ts: datetime | None = None


class CommandIn(BaseModel):
    name: Literal["reboot", "sync_clock", "set_interval", "identify"]
    args: dict[str, Any] = Field(default_factory=dict)


class AlertRuleIn(BaseModel):
    device_id: uuid.UUID
    metric: str = Field(min_length=1, max_length=32)
    comparator: Literal[">", ">=", "<", "<="]
    threshold: float
    severity: Literal["info", "warning", "critical"] = "warning"


class AlertRuleOut(AlertRuleIn):
    model_config = ConfigDict(from_attributes=True)

    id: int
    enabled: bool


class AlertOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    device_id: uuid.UUID
    rule_id: int
    severity: str
    message: str
    value: float
    created_at: datetime
    acknowledged_at: datetime | None = None


class FirmwareReleaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: str
    hardware_rev: str
    channel: str
    sha256: str
    size_bytes: int
    published_at: datetime | None = None


class RolloutIn(BaseModel):
    version: str
    hardware_rev: str
    from_version: str


class SummaryRequest(BaseModel):
    metric: str
    start: datetime
    end: datetime
    bucket: Literal["5min", "15min", "1h", "1D"] = "1h"


class MaintenanceIn(BaseModel):
    enabled: bool
    reason: str | None = None
