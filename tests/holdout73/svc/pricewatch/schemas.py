from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl


class TrackRequest(BaseModel):
    url: HttpUrl
    label: str | None = Field(default=None, max_length=120)


class ProductOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str | None
    canonical_url: str
    currency: str
    last_price: Decimal | None
    lowest_price: Decimal | None
    image_url: str | None = None


class TrackedProductOut(ProductOut):
    latest_observed_at: datetime | None = None


class AlertCreate(BaseModel):
    product_id: int
    target_price: Decimal | None = Field(default=None, gt=0)
    min_drop_pct: Decimal | None = Field(default=None, gt=0, le=100)
    channel: Literal["email", "push", "webhook"] = "email"


class AlertOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    product_id: int
    target_price: Decimal | None
    min_drop_pct: Decimal | None
    channel: str
    active: bool
    last_fired_at: datetime | None


class PricePoint(BaseModel):
    price: Decimal
    observed_at: datetime
    in_stock: bool = True


class SignupRequest(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10, max_length=128)
    currency: str = Field(default="USD", min_length=3, max_length=3)


class LoginRequest(BaseModel):
    email: EmailStr
    password: str


class ExtensionPriceReport(BaseModel):
    url: HttpUrl
    price: Decimal = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)
    title: str | None = None
