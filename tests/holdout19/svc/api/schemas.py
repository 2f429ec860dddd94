from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, EmailStr, Field


class SignupIn(BaseModel):
    email: EmailStr
    handle: str = Field(pattern=r"^[a-z0-9_]{3,40}$")
    display_name: str = Field(min_length=1, max_length=120)
    phone: str | None = None
    currency: str = "EUR"


class PinIn(BaseModel):
    pin: str = Field(pattern=r"^\d{4,6}$")


class TransferIn(BaseModel):
    recipient_handle: str
    amount_minor: int = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)
    memo: str | None = Field(default=None, max_length=140)
    pin: str | None = None


class TransferOut(BaseModel):
    id: UUID
    amount_minor: int
    currency: str
    status: str


class WithdrawIn(BaseModel):
    card_id: UUID
    currency: str
    amount_minor: int = Field(gt=0)


class QuoteIn(BaseModel):
    sell: str
    buy: str
    sell_amount_minor: int = Field(gt=0)


class QuoteOut(BaseModel):
    id: UUID
    rate: Decimal
    buy_amount_minor: int
    expires_at: datetime


class KycStartIn(BaseModel):
    first_name: str
    last_name: str
    date_of_birth: str
    country: str = Field(min_length=2, max_length=2)


class KycEventIn(BaseModel):
    applicant_id: str
    review_status: str


class IssuerEventIn(BaseModel):
    id: str
    type: str
    data: dict[str, Any]
