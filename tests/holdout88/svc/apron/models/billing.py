from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from apron.models.base import Base, TimestampMixin


class Invoice(TimestampMixin, Base):
    __tablename__ = "invoices"
    __table_args__ = (Index("ix_invoices_airline_day", "airline_code", "service_day", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    airline_code: Mapped[str] = mapped_column(String(3))
    service_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="DRAFT")
    total: Mapped[float] = mapped_column(Numeric(12, 2), default=0)
    external_ref: Mapped[str | None] = mapped_column(String(64))


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"))
    service_code: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    amount: Mapped[float] = mapped_column(Numeric(10, 2))
