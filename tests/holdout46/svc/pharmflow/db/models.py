"""ORM models. Index definitions live next to the columns they cover."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Prescriber(Base):
    __tablename__ = "prescribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    npi: Mapped[str] = mapped_column(String(10), unique=True)
    dea_number: Mapped[str | None] = mapped_column(String(9))
    full_name: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[bytes] = mapped_column()
    pin_salt: Mapped[bytes] = mapped_column()
    state: Mapped[str] = mapped_column(String(2))


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    member_id: Mapped[str | None] = mapped_column(String(40))
    plan_id: Mapped[str | None] = mapped_column(String(40))
    sms_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_patients_member", "member_id"),)


class Pharmacy(Base):
    __tablename__ = "pharmacies"

    id: Mapped[int] = mapped_column(primary_key=True)
    ncpdp_id: Mapped[str] = mapped_column(String(7), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(2))
    accepts_controlled: Mapped[bool] = mapped_column(Boolean, default=False)


class Prescription(Base):
    __tablename__ = "prescriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64))
    prescriber_id: Mapped[int] = mapped_column(ForeignKey("prescribers.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    pharmacy_id: Mapped[int | None] = mapped_column(ForeignKey("pharmacies.id"))
    ndc: Mapped[str] = mapped_column(String(11))
    drug_name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    days_supply: Mapped[int] = mapped_column(Integer)
    refills_authorized: Mapped[int] = mapped_column(Integer, default=0)
    refills_remaining: Mapped[int] = mapped_column(Integer, default=0)
    schedule: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sig: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    prescriber: Mapped[Prescriber] = relationship(lazy="raise")
    patient: Mapped[Patient] = relationship(lazy="raise")

    __table_args__ = (
        UniqueConstraint("prescriber_id", "external_id", name="uq_rx_prescriber_external"),
        Index("ix_rx_status_pharmacy", "status", "pharmacy_id"),
        Index("ix_rx_patient", "patient_id"),
    )


class DrugLot(Base):
    __tablename__ = "drug_lots"

    id: Mapped[int] = mapped_column(primary_key=True)
    pharmacy_id: Mapped[int] = mapped_column(ForeignKey("pharmacies.id"))
    ndc: Mapped[str] = mapped_column(String(11))
    lot_number: Mapped[str] = mapped_column(String(40))
    expires_on: Mapped[dt.date] = mapped_column(Date)
    quantity_on_hand: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("pharmacy_id", "ndc", "lot_number", name="uq_lots_pharmacy_ndc_lot"),
        Index("ix_lots_pharmacy_ndc_expiry", "pharmacy_id", "ndc", "expires_on"),
        Index("ix_lots_expiry", "expires_on"),
    )


class Dispense(Base):
    __tablename__ = "dispenses"

    id: Mapped[int] = mapped_column(primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("drug_lots.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    pharmacist_id: Mapped[int] = mapped_column(Integer)
    dispensed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_dispenses_rx", "prescription_id"),)


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    claim_number: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    billed_amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    paid_amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    patient_pay: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    reconciled: Mapped[bool] = mapped_column(Boolean, default=False)
    response: Mapped[dict | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_claims_rx", "prescription_id"),
        Index("ix_claims_number", "claim_number"),
        Index("ix_claims_reconciled_submitted", "reconciled", "submitted_at"),
    )


class RefillSchedule(Base):
    __tablename__ = "refill_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    next_due_on: Mapped[dt.date] = mapped_column(Date)
    last_reminded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        Index("ix_refill_due_active", "active", "next_due_on"),
        Index("ix_refill_rx", "prescription_id"),
    )


class Delivery(Base):
    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    tracking_code: Mapped[str] = mapped_column(String(32), unique=True)
    courier_job_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="created")
    last_lat: Mapped[float | None] = mapped_column()
    last_lng: Mapped[float | None] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
