from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lexdesk.infra.db import Base


class Rate(Base):
    __tablename__ = "rates"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    timekeeper_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matters.id"))
    cents_per_hour: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(Date)

    __table_args__ = (Index("ix_rates_firm_timekeeper", "firm_id", "timekeeper_id", "effective_from"),)


class TimeEntry(Base):
    __tablename__ = "time_entries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id"))
    timekeeper_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    work_date: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    narrative: Mapped[str] = mapped_column(Text)
    billable: Mapped[bool] = mapped_column(Boolean, default=True)
    rate_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))

    __table_args__ = (
        Index("ix_time_entries_matter_invoice", "matter_id", "invoice_id"),
        Index("ix_time_entries_timekeeper_date", "timekeeper_id", "work_date"),
        Index("ix_time_entries_firm_work_date", "firm_id", "work_date"),
    )


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    subtotal_cents: Mapped[int] = mapped_column(Integer, default=0)
    tax_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    pdf_key: Mapped[str | None] = mapped_column(String(512))

    lines: Mapped[list[InvoiceLine]] = relationship(lazy="raise", order_by="InvoiceLine.id")

    __table_args__ = (
        UniqueConstraint("firm_id", "number", name="uq_invoices_firm_number"),
        Index("ix_invoices_client_status", "client_id", "status"),
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id"))
    time_entry_id: Mapped[int | None] = mapped_column(ForeignKey("time_entries.id"))
    description: Mapped[str] = mapped_column(Text)
    amount_cents: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_invoice_lines_invoice_id", "invoice_id"),)
