from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from payflow.db.base import Base, TimestampMixin


class Contractor(TimestampMixin, Base):
    __tablename__ = "contractors"
    __table_args__ = (Index("ix_contractors_company", "company_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    legal_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    tax_id_last4: Mapped[str | None] = mapped_column(String(4), nullable=True)
    bank_account_token: Mapped[str | None] = mapped_column(String(128), nullable=True)


class ContractorInvoice(TimestampMixin, Base):
    __tablename__ = "contractor_invoices"
    __table_args__ = (
        UniqueConstraint("company_id", "number", name="uq_contractor_invoices_number"),
        Index("ix_contractor_invoices_contractor_status", "contractor_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractors.id"))
    number: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    fee: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    service_date: Mapped[date] = mapped_column(Date)
