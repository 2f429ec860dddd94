from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field


class RequisitionLineIn(BaseModel):
    catalogue_item_id: int | None = None
    description: str = Field(max_length=500)
    quantity: Decimal = Field(gt=0)
    unit_price: Decimal = Field(ge=0)


class RequisitionIn(BaseModel):
    title: str = Field(max_length=300)
    cost_centre_id: int
    currency: str = Field(min_length=3, max_length=3)
    lines: list[RequisitionLineIn] = Field(min_length=1, max_length=200)


class RequisitionOut(BaseModel):
    id: int
    title: str
    status: str
    total_amount: Decimal
    currency: str


class DecisionIn(BaseModel):
    approve: bool
    comment: str | None = None


class RFQIn(BaseModel):
    requisition_id: int
    supplier_ids: list[int] = Field(min_length=1, max_length=500)
    days_open: int = Field(default=5, ge=1, le=30)


class BidIn(BaseModel):
    amount: Decimal = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)
    lead_time_days: int = Field(ge=0, le=365)


class ReceiptIn(BaseModel):
    po_line_id: int
    quantity: Decimal = Field(gt=0)


class InvoiceLineIn(BaseModel):
    po_line_id: int
    quantity: Decimal
    unit_price: Decimal


class InvoiceIn(BaseModel):
    supplier_invoice_ref: str = Field(max_length=64)
    po_id: int
    amount: Decimal
    currency: str = Field(min_length=3, max_length=3)
    invoice_date: date
    lines: list[InvoiceLineIn]


class BudgetAdjustIn(BaseModel):
    annual_budget: Decimal = Field(gt=0)
