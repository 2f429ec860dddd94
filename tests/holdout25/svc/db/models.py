"""ORM models. Indexes declared here are mirrored by the Alembic migrations."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
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


class Applicant(Base):
    __tablename__ = "applicants"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[bytes]
    pin_salt: Mapped[bytes]


class Permit(Base):
    __tablename__ = "permits"
    __table_args__ = (
        UniqueConstraint("application_number", name="uq_permits_application_number"),
        Index("ix_permits_parcel_id", "parcel_id"),
        Index("ix_permits_status_submitted", "status", "submitted_at"),
        Index("ix_permits_applicant_id", "applicant_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    application_number: Mapped[str] = mapped_column(String(32))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"))
    applicant_email: Mapped[str] = mapped_column(String(320))
    parcel_id: Mapped[str] = mapped_column(String(40))
    permit_type: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    fee_cents: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    inspections: Mapped[list["Inspection"]] = relationship(back_populates="permit")


class Inspection(Base):
    __tablename__ = "inspections"
    __table_args__ = (
        Index("ix_inspections_permit_id", "permit_id"),
        Index("ix_inspections_inspector_day", "inspector_id", "scheduled_date"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permits.id"))
    inspector_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    scheduled_date: Mapped[date | None] = mapped_column(Date)
    slot: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="requested")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    permit: Mapped[Permit] = relationship(back_populates="inspections")


class InspectionEvent(Base):
    __tablename__ = "inspection_events"
    __table_args__ = (
        Index("ix_inspection_events_inspection_id", "inspection_id"),
        Index("ix_inspection_events_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_permit_id", "permit_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permits.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    storage_path: Mapped[str] = mapped_column(String(500))
    scan_status: Mapped[str] = mapped_column(String(20), default="pending")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("provider_ref", name="uq_payments_provider_ref"),
        Index("ix_payments_permit_id", "permit_id"),
        Index("ix_payments_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    permit_id: Mapped[int] = mapped_column(ForeignKey("permits.id"))
    provider_ref: Mapped[str] = mapped_column(String(80))
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class FeeSchedule(Base):
    __tablename__ = "fee_schedule"

    permit_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    base_cents: Mapped[int] = mapped_column(Integer)
    per_sqft_cents: Mapped[int] = mapped_column(Integer)
