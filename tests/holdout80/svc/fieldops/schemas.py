from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator


class CustomerIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    email: str | None = None
    phone: str | None = None
    discount_pct: Decimal = Decimal("0")


class CustomerPatch(BaseModel):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    discount_pct: Decimal | None = None


class SiteIn(BaseModel):
    address: str = Field(min_length=5, max_length=400)


class WorkOrderIn(BaseModel):
    site_id: int
    summary: str = Field(min_length=3, max_length=300)
    priority: str = "normal"

    @field_validator("priority")
    @classmethod
    def known_priority(cls, value: str) -> str:
        if value not in {"low", "normal", "high", "emergency", "maintenance"}:
            raise ValueError("unknown priority")
        return value


class TransitionIn(BaseModel):
    status: str


class BookingIn(BaseModel):
    work_order_id: int
    technician_id: int
    when: datetime


class TransferIn(BaseModel):
    part_id: int
    source_id: int
    dest_id: int
    quantity: int = Field(gt=0)


class ConsumeIn(BaseModel):
    van_id: int
    part_id: int
    quantity: int = Field(gt=0)


class QuoteItem(BaseModel):
    sku: str
    qty: int = Field(gt=0)


class QuoteIn(BaseModel):
    customer_id: int
    work_order_id: int
    items: list[QuoteItem]
    labour_hours: float = Field(ge=0, le=24)
    emergency: bool = False


class PaymentIn(BaseModel):
    amount: Decimal = Field(gt=0)


class LoginIn(BaseModel):
    email: str
    password: str


class PasswordIn(BaseModel):
    new_password: str = Field(min_length=10, max_length=200)


class ReportRange(BaseModel):
    start: date
    end: date
