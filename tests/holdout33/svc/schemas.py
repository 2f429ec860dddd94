"""Request and response bodies."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, conint


class OrderLineIn(BaseModel):
    sku_code: str = Field(min_length=1, max_length=64)
    qty: conint(gt=0, le=10_000)


class OrderIn(BaseModel):
    external_ref: str = Field(min_length=1, max_length=64)
    warehouse_id: int
    customer_id: str = Field(min_length=1, max_length=64)
    priority: conint(ge=1, le=9) = 5
    ship_by: datetime
    ship_to: dict[str, Any]
    lines: list[OrderLineIn] = Field(min_length=1, max_length=500)


class OrderOut(BaseModel):
    id: int
    external_ref: str
    status: str
    ship_by: datetime

    model_config = {"from_attributes": True}


class MoveIn(BaseModel):
    sku_id: int
    from_bin_id: int
    to_bin_id: int
    qty: conint(gt=0)


class ReceiptLineIn(BaseModel):
    sku_code: str
    qty: conint(gt=0, le=100_000)


class ReceiptIn(BaseModel):
    idempotency_key: str = Field(min_length=8, max_length=96)
    dock_bin: str
    lines: list[ReceiptLineIn] = Field(min_length=1, max_length=1_000)


class AsnIn(BaseModel):
    asn_id: str
    po_number: str
    lines: list[ReceiptLineIn] = Field(min_length=1, max_length=1_000)


class WavePlanIn(BaseModel):
    warehouse_id: int


class QuoteIn(BaseModel):
    order_id: int
    weight_g: conint(gt=0)
    service_level: str = "standard"


class LabelIn(BaseModel):
    station_id: str
    weight_g: conint(gt=0)
    service_level: str | None = None


class VoidIn(BaseModel):
    shipment_ids: list[int] = Field(min_length=1, max_length=2_000)


class CountResultIn(BaseModel):
    sku_id: int
    counted_qty: conint(ge=0)


class ZoneIn(BaseModel):
    zone: str = Field(min_length=1, max_length=8)


class OverrideIn(BaseModel):
    service_level: str | None


class DevicePushIn(BaseModel):
    kind: Literal["task", "message"]
    body: dict[str, Any]


class ScanFrame(BaseModel):
    type: Literal["start", "scan", "ping"]
    order_id: int | None = None
    barcode: str | None = Field(default=None, max_length=64)
    qty: conint(gt=0, le=999) = 1
