from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field


class OrderRequest(BaseModel):
    account_id: int
    client_order_id: str = Field(min_length=8, max_length=64)
    symbol: str = Field(min_length=1, max_length=12)
    side: Literal["buy", "sell"]
    quantity: int = Field(gt=0)
    limit_price: Decimal | None = Field(default=None, gt=0)


class OrderOut(BaseModel):
    id: int
    client_order_id: str
    symbol: str
    side: str
    quantity: int
    filled_quantity: int
    limit_price: Decimal | None
    status: str
    created_at: datetime

    model_config = {"from_attributes": True}


class PositionOut(BaseModel):
    symbol: str
    quantity: int
    average_cost: Decimal
    last_price: Decimal | None
    market_value: Decimal | None


class AccountSummary(BaseModel):
    account_id: int
    account_number: str
    cash: Decimal
    positions: list[PositionOut]
    equity: Decimal


class CustomerCreate(BaseModel):
    email: str
    full_name: str


class Quote(BaseModel):
    symbol: str
    bid: Decimal
    ask: Decimal
    last: Decimal
    ts: float


class GatewayEvent(BaseModel):
    type: Literal["ack", "reject", "fill", "cancel"]
    exchange_order_id: str
    client_order_id: str | None = None
    exec_id: str | None = None
    quantity: int | None = None
    price: Decimal | None = None
    reason: str | None = None
    ts: float
