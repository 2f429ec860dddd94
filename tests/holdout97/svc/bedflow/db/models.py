from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class BedState(str, enum.Enum):
    OCCUPIED = "occupied"
    DIRTY = "dirty"
    CLEANING = "cleaning"
    READY = "ready"
    BLOCKED = "blocked"
    HELD = "held"


class Ward(Base):
    __tablename__ = "wards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    facility: Mapped[str] = mapped_column(String(16))
    isolation_rooms: Mapped[int] = mapped_column(Integer, default=0)

    beds: Mapped[list["Bed"]] = relationship(back_populates="ward")


class Bed(Base):
    __tablename__ = "beds"
    __table_args__ = (
        UniqueConstraint("ward_id", "label", name="uq_beds_ward_label"),
        Index("ix_beds_ward_state", "ward_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"))
    label: Mapped[str] = mapped_column(String(16))
    room: Mapped[str] = mapped_column(String(16))
    room_is_shared: Mapped[bool] = mapped_column(Boolean, default=True)
    state: Mapped[BedState] = mapped_column(Enum(BedState, name="bed_state"), default=BedState.READY)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    ward: Mapped[Ward] = relationship(back_populates="beds")
    patient: Mapped["Patient | None"] = relationship()


class Patient(Base):
    __tablename__ = "patients"
    __table_args__ = (Index("ix_patients_mrn", "mrn", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mrn: Mapped[str] = mapped_column(String(32))
    display_name: Mapped[str] = mapped_column(String(200))
    isolation_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    admitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class BedRequest(Base):
    __tablename__ = "bed_requests"
    __table_args__ = (
        Index("ix_bed_requests_patient", "patient_id"),
        Index("ix_bed_requests_ward", "target_ward_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    target_ward_id: Mapped[int | None] = mapped_column(ForeignKey("wards.id"), nullable=True)
    priority: Mapped[int] = mapped_column(Integer)  # 1 = most urgent
    isolation: Mapped[str | None] = mapped_column(String(16), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BedAssignment(Base):
    __tablename__ = "bed_assignments"
    __table_args__ = (
        Index("ix_bed_assignments_hold_expires", "hold_expires_at", postgresql_where="released_at IS NULL"),
        Index("ix_bed_assignments_bed", "bed_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id"))
    request_id: Mapped[int] = mapped_column(ForeignKey("bed_requests.id"))
    hold_expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CleaningTask(Base):
    __tablename__ = "cleaning_tasks"
    __table_args__ = (
        Index("ix_cleaning_tasks_bed", "bed_id"),
        Index("ix_cleaning_tasks_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id"))
    assignee_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    isolation_clean: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TransportRequest(Base):
    __tablename__ = "transport_requests"
    __table_args__ = (Index("ix_transport_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    from_location: Mapped[str] = mapped_column(String(64))
    to_bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id"))
    status: Mapped[str] = mapped_column(String(16), default="requested")
    porter_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    vendor_job_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AdtEvent(Base):
    __tablename__ = "adt_events"
    __table_args__ = (
        UniqueConstraint("message_control_id", name="uq_adt_events_mcid"),
        Index("ix_adt_events_event_time", "event_time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_control_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(8))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id"), nullable=True)
    ward_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    bed_label: Mapped[str | None] = mapped_column(String(16), nullable=True)
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    raw: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
