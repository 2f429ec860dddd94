from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, Enum, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from payflow.db.base import Base, TimestampMixin


class PayRunStatus(str, enum.Enum):
    DRAFT = "draft"
    APPROVED = "approved"
    EXECUTING = "executing"
    PAID = "paid"
    FAILED = "failed"


class PayRun(TimestampMixin, Base):
    __tablename__ = "pay_runs"
    __table_args__ = (Index("ix_pay_runs_company_pay_date", "company_id", "pay_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    pay_date: Mapped[date] = mapped_column(Date)
    status: Mapped[PayRunStatus] = mapped_column(
        Enum(PayRunStatus, name="pay_run_status"), default=PayRunStatus.DRAFT, index=True
    )
    gross_total: Mapped[Decimal] = mapped_column(Numeric(16, 2), default=Decimal("0"))
    tax_total: Mapped[Decimal] = mapped_column(Numeric(16, 2), default=Decimal("0"))
    net_total: Mapped[Decimal] = mapped_column(Numeric(16, 2), default=Decimal("0"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    executed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    accounting_synced_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )

    lines: Mapped[list["PayRunLine"]] = relationship(back_populates="pay_run", lazy="raise")


class PayRunLine(Base):
    __tablename__ = "pay_run_lines"
    __table_args__ = (
        Index("ix_pay_run_lines_run_employee", "pay_run_id", "employee_id", unique=True),
        Index("ix_pay_run_lines_employee", "employee_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pay_run_id: Mapped[int] = mapped_column(ForeignKey("pay_runs.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    regular_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    overtime_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    gross: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    federal_tax: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    state_tax: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    social_tax: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    deductions: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    net: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    jurisdiction: Mapped[str] = mapped_column(String(16))

    pay_run: Mapped[PayRun] = relationship(back_populates="lines")
