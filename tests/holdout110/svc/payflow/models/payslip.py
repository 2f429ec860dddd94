from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from payflow.db.base import Base, TimestampMixin


class Payslip(TimestampMixin, Base):
    __tablename__ = "payslips"
    __table_args__ = (
        Index("ix_payslips_employee_run", "employee_id", "pay_run_id", unique=True),
        Index("ix_payslips_pay_run", "pay_run_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    pay_run_id: Mapped[int] = mapped_column(ForeignKey("pay_runs.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    storage_key: Mapped[str | None] = mapped_column(String(300), nullable=True)
    generated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TaxForm(TimestampMixin, Base):
    __tablename__ = "tax_forms"
    __table_args__ = (
        Index("ix_tax_forms_company_year_kind", "company_id", "tax_year", "kind"),
        Index("ix_tax_forms_employee_year", "employee_id", "tax_year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), nullable=True)
    contractor_id: Mapped[int | None] = mapped_column(ForeignKey("contractors.id"), nullable=True)
    tax_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # "w2" | "1099nec" | "p60"
    storage_key: Mapped[str | None] = mapped_column(String(300), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
