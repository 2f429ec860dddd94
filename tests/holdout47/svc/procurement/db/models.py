from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class RequisitionStatus(str, enum.Enum):
    draft = "draft"
    pending = "pending"
    approved = "approved"
    rejected = "rejected"
    ordered = "ordered"


class POStatus(str, enum.Enum):
    draft = "draft"
    sent = "sent"
    confirmed = "confirmed"
    received = "received"
    closed = "closed"
    cancelled = "cancelled"


class Supplier(Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    api_base_url: Mapped[str | None] = mapped_column(String(500))
    edi_partner_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    contact_email: Mapped[str | None] = mapped_column(String(200))


class CostCentre(Base):
    __tablename__ = "cost_centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    annual_budget: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    committed: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    version: Mapped[int] = mapped_column(Integer, default=0)


class Requisition(Base):
    __tablename__ = "requisitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(Integer)
    cost_centre_id: Mapped[int] = mapped_column(ForeignKey("cost_centres.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[RequisitionStatus] = mapped_column(Enum(RequisitionStatus), default=RequisitionStatus.draft)
    total_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    lines: Mapped[list["RequisitionLine"]] = relationship(back_populates="requisition")
    steps: Mapped[list["ApprovalStep"]] = relationship(back_populates="requisition", order_by="ApprovalStep.position")


class RequisitionLine(Base):
    __tablename__ = "requisition_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"), index=True)
    catalogue_item_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_items.id"))
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    currency: Mapped[str] = mapped_column(String(3))

    requisition: Mapped[Requisition] = relationship(back_populates="lines")


class ApprovalStep(Base):
    __tablename__ = "approval_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    approver_id: Mapped[int] = mapped_column(Integer, index=True)
    decision: Mapped[str | None] = mapped_column(String(16))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    requisition: Mapped[Requisition] = relationship(back_populates="steps")


class RFQ(Base):
    __tablename__ = "rfqs"
    __table_args__ = (Index("ix_rfq_status_closes_at", "status", "closes_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    awarded_bid_id: Mapped[int | None] = mapped_column(Integer)


class Bid(Base):
    __tablename__ = "bids"
    __table_args__ = (UniqueConstraint("rfq_id", "supplier_id", name="uq_bid_rfq_supplier"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rfq_id: Mapped[int] = mapped_column(ForeignKey("rfqs.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    lead_time_days: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PurchaseOrder(Base):
    __tablename__ = "purchase_orders"
    __table_args__ = (Index("ix_po_supplier_status", "supplier_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    po_number: Mapped[str] = mapped_column(String(32), unique=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    status: Mapped[POStatus] = mapped_column(Enum(POStatus), default=POStatus.draft)
    total_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    confirmation_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    lines: Mapped[list["POLine"]] = relationship(back_populates="order")


class POLine(Base):
    __tablename__ = "po_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    po_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")


class GoodsReceipt(Base):
    __tablename__ = "goods_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    po_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    po_line_id: Mapped[int] = mapped_column(ForeignKey("po_lines.id"), index=True)
    quantity_received: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    supplier_invoice_ref: Mapped[str] = mapped_column(String(64))
    po_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    match_status: Mapped[str] = mapped_column(String(16), default="unmatched")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    po_line_id: Mapped[int] = mapped_column(ForeignKey("po_lines.id"))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))


class CatalogueItem(Base):
    __tablename__ = "catalogue_items"
    __table_args__ = (UniqueConstraint("supplier_id", "sku", name="uq_catalogue_supplier_sku"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    currency: Mapped[str] = mapped_column(String(3))
    unspsc_code: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BudgetHold(Base):
    __tablename__ = "budget_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    cost_centre_id: Mapped[int] = mapped_column(ForeignKey("cost_centres.id"), index=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"), unique=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    released: Mapped[bool] = mapped_column(Boolean, default=False)
