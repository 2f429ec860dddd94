"""Request and response schemas."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

OrderSide = Literal["buy", "sell"]
OrderType = Literal["market", "limit", "stop"]
OrderStatus = Literal[
    "new", "partially_filled", "filled", "cancelled", "expired", "rejected"
]
AlertDirection = Literal["above", "below"]

ORDER_TYPE_LABELS: Final = {
    "market": "Market",
    "limit": "Limit",
    "stop": "Stop",
}


class _RecordModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class OrderCreate(BaseModel):
    symbol: str = Field(min_length=1, max_length=16)
    side: OrderSide
    order_type: OrderType = "market"
    quantity: Decimal = Field(gt=0)
    limit_price: Decimal | None = Field(default=None, gt=0)
    client_ref: str | None = Field(default=None, max_length=64)

    @field_validator("symbol")
    @classmethod
    def _upper_symbol(cls, value: str) -> str:
        return value.strip().upper()

    @model_validator(mode="after")
    def _price_required_for_resting_orders(self) -> "OrderCreate":
        if self.order_type in ("limit", "stop") and self.limit_price is None:
            raise ValueError(f"limit_price is required for {self.order_type} orders")
        if self.order_type == "market" and self.limit_price is not None:
            raise ValueError("market orders must not carry a limit_price")
        return self


class OrderOut(_RecordModel):
    id: int
    instrument_id: int
    side: OrderSide
    order_type: OrderType
    quantity: Decimal
    limit_price: Decimal | None = None
    status: OrderStatus
    filled_quantity: Decimal = Decimal("0")
    avg_fill_price: Decimal | None = None
    client_ref: str | None = None
    created_at: datetime


class OrderPage(BaseModel):
    items: list[OrderOut]
    next_cursor: datetime | None = None


class FillReport(BaseModel):
    quantity: Decimal = Field(gt=0)
    price: Decimal = Field(gt=0)


class PositionOut(_RecordModel):
    instrument_id: int
    symbol: str
    quantity: Decimal
    avg_price: Decimal
    realized_pnl: Decimal
    last_price: Decimal | None = None
    unrealized_pnl: Decimal | None = None


class PortfolioSummary(BaseModel):
    user_id: int
    cash_balance: Decimal
    market_value: Decimal
    unrealized_pnl: Decimal
    realized_pnl: Decimal
    positions: list[PositionOut]
    warnings: list[str] = Field(default_factory=list)


class RebalanceLeg(BaseModel):
    symbol: str
    side: OrderSide
    quantity: Decimal
    reason: str


class RebalancePlan(BaseModel):
    user_id: int
    legs: list[RebalanceLeg]
    skipped: list[str] = Field(default_factory=list)
    estimated_turnover: Decimal = Decimal("0")


class InstrumentOut(_RecordModel):
    id: int
    symbol: str
    name: str
    exchange: str
    currency: str = "USD"


class QuoteOut(BaseModel):
    symbol: str
    bid: Decimal
    ask: Decimal
    last: Decimal
    timestamp: datetime

    @property
    def mid(self) -> Decimal:
        return (self.bid + self.ask) / 2


class Candle(BaseModel):
    ts: datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal


class AlertCreate(BaseModel):
    symbol: str
    direction: AlertDirection
    threshold: Decimal = Field(gt=0)


class AlertOut(_RecordModel):
    id: int
    instrument_id: int
    symbol: str
    direction: AlertDirection
    threshold: Decimal
    is_active: bool
    triggered_at: datetime | None = None
    created_at: datetime


class UserOut(_RecordModel):
    id: int
    email: str
    display_name: str
    is_admin: bool = False
    is_active: bool = True


class UserSettingsPatch(BaseModel):
    notify_email: bool | None = None
    notify_webhook: bool | None = None
    default_order_type: OrderType | None = None

    def as_patch(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class BroadcastRequest(BaseModel):
    message: str = Field(min_length=1, max_length=500)
    level: Literal["info", "warning", "critical"] = "info"
