from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from payflow.db.base import Base, TimestampMixin


class Company(TimestampMixin, Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_country: Mapped[str] = mapped_column(String(2))
    default_jurisdiction: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    pay_frequency: Mapped[str] = mapped_column(String(16), default="biweekly")
    funding_account_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (Index("ix_users_email", "email", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    email: Mapped[str] = mapped_column(String(320))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32), default="manager")
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Employee(TimestampMixin, Base):
    __tablename__ = "employees"
    __table_args__ = (
        Index("ix_employees_company_status", "company_id", "status"),
        Index("ix_employees_company_email", "company_id", "email", unique=True),
        Index("ix_employees_manager_id", "manager_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    external_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(320))
    department_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    jurisdiction: Mapped[str] = mapped_column(String(16))
    pay_type: Mapped[str] = mapped_column(String(16), default="hourly")
    hourly_rate: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal("0"))
    annual_salary: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    filing_status: Mapped[str] = mapped_column(String(16), default="single")
    allowances: Mapped[int] = mapped_column(Integer, default=0)
    bank_account_token: Mapped[str | None] = mapped_column(String(128), nullable=True)
    advance_balance: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    kiosk_pin_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    hire_date: Mapped[date] = mapped_column(Date)
    locale: Mapped[str] = mapped_column(String(8), default="en")


class KioskDevice(TimestampMixin, Base):
    __tablename__ = "kiosk_devices"
    __table_args__ = (Index("ix_kiosk_devices_serial", "serial", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    serial: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(120))
    cert_fingerprint: Mapped[str] = mapped_column(String(128))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
