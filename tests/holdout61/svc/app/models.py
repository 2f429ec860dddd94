from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class PayType(str, enum.Enum):
    HOURLY = "hourly"
    SALARIED = "salaried"


class EmployeeStatus(str, enum.Enum):
    ACTIVE = "active"
    ON_LEAVE = "on_leave"
    TERMINATED = "terminated"


class TimesheetStatus(str, enum.Enum):
    OPEN = "open"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    LOCKED = "locked"


class PayRunStatus(str, enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPUTED = "computed"
    FAILED = "failed"
    PAID = "paid"


class Jurisdiction(Base):
    __tablename__ = "jurisdictions"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    rules: Mapped[dict] = mapped_column(JSON, default=dict)


class Employee(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    jurisdiction_code: Mapped[str] = mapped_column(ForeignKey("jurisdictions.code"))
    pay_type: Mapped[PayType] = mapped_column(Enum(PayType), default=PayType.HOURLY)
    hourly_rate: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal("0"))
    annual_salary: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    status: Mapped[EmployeeStatus] = mapped_column(Enum(EmployeeStatus), default=EmployeeStatus.ACTIVE)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), index=True, nullable=True)
    pto_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    kiosk_pin_hash: Mapped[str | None] = mapped_column(String(100), nullable=True)
    bank_account_token: Mapped[str | None] = mapped_column(String(128), nullable=True)
    hired_at: Mapped[date] = mapped_column(Date)
    terminated_at: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    jurisdiction: Mapped[Jurisdiction] = relationship(lazy="raise")
    manager: Mapped["Employee | None"] = relationship(remote_side="Employee.id", lazy="raise")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Shift(Base):
    __tablename__ = "shifts"
    __table_args__ = (
        Index("ix_shifts_employee_start", "employee_id", "starts_at"),
        Index("ix_shifts_location_start", "location_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    location_id: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    role: Mapped[str] = mapped_column(String(40), default="staff")


class Punch(Base):
    __tablename__ = "punches"
    __table_args__ = (
        Index("ix_punches_employee_time", "employee_id", "punched_at"),
        UniqueConstraint("idempotency_key", name="uq_punches_idempotency"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    direction: Mapped[str] = mapped_column(String(3))
    punched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(10))
    device_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    latitude: Mapped[float | None] = mapped_column(nullable=True)
    longitude: Mapped[float | None] = mapped_column(nullable=True)
    photo_path: Mapped[str | None] = mapped_column(String(255), nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Timesheet(Base):
    __tablename__ = "timesheets"
    __table_args__ = (
        UniqueConstraint("employee_id", "period_start", name="uq_timesheet_employee_period"),
        Index("ix_timesheets_status_period", "status", "period_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[TimesheetStatus] = mapped_column(Enum(TimesheetStatus), default=TimesheetStatus.OPEN)
    regular_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2), default=Decimal("0"))
    overtime_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2), default=Decimal("0"))
    double_time_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2), default=Decimal("0"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    employee: Mapped[Employee] = relationship(foreign_keys=[employee_id], lazy="raise")


class PayRun(Base):
    __tablename__ = "pay_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    pay_date: Mapped[date] = mapped_column(Date)
    status: Mapped[PayRunStatus] = mapped_column(Enum(PayRunStatus), default=PayRunStatus.QUEUED)
    created_by: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)


class PayRunItem(Base):
    __tablename__ = "pay_run_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pay_run_id: Mapped[int] = mapped_column(ForeignKey("pay_runs.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    regular_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    overtime_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    double_time_hours: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    gross: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    tax_withheld: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    net: Mapped[Decimal] = mapped_column(Numeric(12, 2))


class Payslip(Base):
    __tablename__ = "payslips"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pay_run_item_id: Mapped[int] = mapped_column(ForeignKey("pay_run_items.id"), unique=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    pdf_path: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
