from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from payflow.db.base import Base, TimestampMixin


class TimesheetStatus(str, enum.Enum):
    OPEN = "open"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    LOCKED = "locked"


class ClockEvent(Base):
    __tablename__ = "clock_events"
    __table_args__ = (
        Index("ix_clock_events_employee_occurred", "employee_id", "occurred_at"),
        Index("ix_clock_events_company_occurred", "company_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    kind: Mapped[str] = mapped_column(String(8))  # "in" | "out"
    source: Mapped[str] = mapped_column(String(16))  # "mobile" | "kiosk"
    device_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_devices.id"), nullable=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    latitude: Mapped[float | None] = mapped_column(nullable=True)
    longitude: Mapped[float | None] = mapped_column(nullable=True)
    jurisdiction: Mapped[str | None] = mapped_column(String(16), nullable=True)
    shift_id: Mapped[str] = mapped_column(String(36))


class Timesheet(TimestampMixin, Base):
    __tablename__ = "timesheets"
    __table_args__ = (
        UniqueConstraint("employee_id", "period_start", name="uq_timesheets_employee_period"),
        Index("ix_timesheets_company_period_status", "company_id", "period_start", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    regular_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    overtime_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    status: Mapped[TimesheetStatus] = mapped_column(
        Enum(TimesheetStatus, name="timesheet_status"), default=TimesheetStatus.OPEN
    )
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approvals_required: Mapped[int] = mapped_column(Integer, default=1)
    approvals_received: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    approvals: Mapped[list["TimesheetApproval"]] = relationship(
        back_populates="timesheet", lazy="raise"
    )


class TimesheetApproval(Base):
    __tablename__ = "timesheet_approvals"
    __table_args__ = (
        UniqueConstraint("timesheet_id", "approver_id", name="uq_approvals_sheet_approver"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    timesheet_id: Mapped[int] = mapped_column(ForeignKey("timesheets.id"), index=True)
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    step: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str | None] = mapped_column(String(500), nullable=True)

    timesheet: Mapped[Timesheet] = relationship(back_populates="approvals")
