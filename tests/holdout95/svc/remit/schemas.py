from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field


class QuoteRequest(BaseModel):
    source_country: str = Field(min_length=2, max_length=2)
    target_country: str = Field(min_length=2, max_length=2)
    source_currency: str = Field(min_length=3, max_length=3)
    target_currency: str = Field(min_length=3, max_length=3)
    payout_method: str = Field(pattern="^(bank|wallet|cash)$")
    amount: Decimal = Field(gt=0, le=Decimal("50000"))


class QuoteOut(BaseModel):
    id: uuid.UUID
    provider: str
    rate: Decimal
    fee: Decimal
    source_amount: Decimal
    expires_at: datetime


class TransferCreate(BaseModel):
    recipient_id: uuid.UUID
    quote_id: uuid.UUID
    pin: str = Field(min_length=4, max_length=6)


class TransferOut(BaseModel):
    id: uuid.UUID
    status: str
    source_amount: Decimal
    target_amount: Decimal
    fee: Decimal
    recipient_name: str
    created_at: datetime | None = None


class RecipientCreate(BaseModel):
    full_name: str = Field(min_length=2, max_length=200)
    country: str = Field(min_length=2, max_length=2)
    payout_method: str = Field(pattern="^(bank|wallet|cash)$")
    account_number: str | None = None
    wallet_msisdn: str | None = None


class PinSet(BaseModel):
    pin: str


class CaseDecision(BaseModel):
    approve: bool
    note: str = ""
