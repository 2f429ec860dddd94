from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class CheckoutIn(BaseModel):
    card_number: str = Field(min_length=14, max_length=14)
    rfid_tag: str
    branch_id: int


class CheckinIn(BaseModel):
    rfid_tag: str
    branch_id: int


class HoldIn(BaseModel):
    card_number: str
    title_id: int
    pickup_branch_id: int


class DigitalCheckoutIn(BaseModel):
    card_number: str
    title_id: int


class PaymentIn(BaseModel):
    card_ref: str
    amount_cents: int = Field(gt=0)


class PinIn(BaseModel):
    pin: str


class TransferIn(BaseModel):
    holding_id: int
    from_branch_id: int
    to_branch_id: int
    hold_id: int | None = None


class KioskEventModel(BaseModel):
    seq: int
    kind: str
    rfid_tag: str
    card_number: str | None = None
    occurred_at: datetime


class KioskBatchIn(BaseModel):
    branch_id: int
    events: list[KioskEventModel] = Field(max_length=500)
