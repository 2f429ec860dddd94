from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, HttpUrl


class KeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    scopes: list[str] = Field(default_factory=lambda: ["usage:read"])
    ttl_days: int | None = Field(default=90, ge=1, le=730)
    rate_limit_per_min: int | None = Field(default=None, ge=1, le=100_000)


class KeyCreated(BaseModel):
    id: str
    prefix: str
    secret: str
    expires_at: datetime | None


class IngestBatch(BaseModel):
    batch_id: str = Field(min_length=8, max_length=64)
    events: list[dict] = Field(max_length=5000)


class WebhookEndpointIn(BaseModel):
    url: HttpUrl
    events: list[str] = Field(min_length=1, max_length=50)


class WebhookEndpointOut(BaseModel):
    id: str
    url: str
    events: list[str]
    secret: str | None = None


class TimeseriesQuery(BaseModel):
    start: datetime
    end: datetime
    bucket: Literal["minute", "hour", "day"] = "hour"


class DenylistChange(BaseModel):
    hashed_keys: list[str] = Field(min_length=1, max_length=1000)
