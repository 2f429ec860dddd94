"""ORM models. Index definitions live next to the tables they serve."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
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


class Clinic(Base):
    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    phone: Mapped[str] = mapped_column(String(32))
    opens_at: Mapped[int] = mapped_column(Integer, default=8)
    closes_at: Mapped[int] = mapped_column(Integer, default=19)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=15)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Owner(Base):
    __tablename__ = "owners"
    __table_args__ = (Index("ix_owners_email", "email", unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    sms_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    email_opt_in: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    pets: Mapped[list["Pet"]] = relationship(back_populates="owner")


class Pet(Base):
    __tablename__ = "pets"
    __table_args__ = (
        Index("ix_pets_owner_id", "owner_id"),
        Index("ix_pets_microchip", "microchip", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))
    name: Mapped[str] = mapped_column(String(80))
    species: Mapped[str] = mapped_column(String(32))
    breed: Mapped[str | None] = mapped_column(String(80))
    birth_date: Mapped[date | None] = mapped_column(Date)
    microchip: Mapped[str | None] = mapped_column(String(32))
    insurance_policy_no: Mapped[str | None] = mapped_column(String(40))
    photo_path: Mapped[str | None] = mapped_column(String(300))

    owner: Mapped[Owner] = relationship(back_populates="pets")


class Vet(Base):
    __tablename__ = "vets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appt_clinic_start", "clinic_id", "starts_at"),
        Index("ix_appt_vet_start", "vet_id", "starts_at"),
        Index("ix_appt_pet_id", "pet_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    vet_id: Mapped[int] = mapped_column(ForeignKey("vets.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="booked")
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    pet: Mapped[Pet] = relationship()
    vet: Mapped[Vet] = relationship()


class LabOrder(Base):
    __tablename__ = "lab_orders"
    __table_args__ = (Index("ix_lab_orders_pet_id", "pet_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    partner: Mapped[str] = mapped_column(String(32))
    accession_no: Mapped[str] = mapped_column(String(40))
    panel: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16), default="ordered")
    ordered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LabResult(Base):
    __tablename__ = "lab_results"
    __table_args__ = (Index("ix_lab_results_order_id", "lab_order_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lab_order_id: Mapped[int] = mapped_column(ForeignKey("lab_orders.id"))
    analyte: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(20))
    flag: Mapped[str | None] = mapped_column(String(4))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Prescription(Base):
    __tablename__ = "prescriptions"
    __table_args__ = (Index("ix_rx_pet_id", "pet_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    drug_code: Mapped[str] = mapped_column(String(20))
    dose: Mapped[str] = mapped_column(String(80))
    refills_remaining: Mapped[int] = mapped_column(Integer, default=0)
    last_filled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    prescribed_by: Mapped[int] = mapped_column(ForeignKey("vets.id"))


class RefillRequest(Base):
    __tablename__ = "refill_requests"
    __table_args__ = (
        Index("ix_refill_rx_id", "prescription_id"),
        Index("ix_refill_status_requested", "status", "requested_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Vaccination(Base):
    __tablename__ = "vaccinations"
    __table_args__ = (Index("ix_vacc_pet_id", "pet_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    vaccine: Mapped[str] = mapped_column(String(60))
    given_at: Mapped[date] = mapped_column(Date)
    due_at: Mapped[date] = mapped_column(Date)

    pet: Mapped[Pet] = relationship()


class ReminderLog(Base):
    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("vaccination_id", "channel", name="uq_reminder_once"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    vaccination_id: Mapped[int] = mapped_column(ForeignKey("vaccinations.id"))
    channel: Mapped[str] = mapped_column(String(8))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PriceItem(Base):
    __tablename__ = "price_items"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    description: Mapped[str] = mapped_column(String(200))
    unit_cents: Mapped[int] = mapped_column(Integer)
    vat_rate: Mapped[float] = mapped_column(Numeric(4, 3), default=0.2)


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        Index("ix_invoices_owner_id", "owner_id"),
        Index("ix_invoices_clinic_issued", "clinic_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    provider_ref: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    lines: Mapped[list["InvoiceLine"]] = relationship(back_populates="invoice")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (Index("ix_invoice_lines_invoice_id", "invoice_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    code: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    qty: Mapped[int] = mapped_column(Integer, default=1)
    unit_cents: Mapped[int] = mapped_column(Integer)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (
        Index("ix_payments_invoice_id", "invoice_id"),
        Index("ix_payments_provider_ref", "provider_ref", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    provider_ref: Mapped[str] = mapped_column(String(64))
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class InsuranceClaim(Base):
    __tablename__ = "insurance_claims"
    __table_args__ = (
        Index("ix_claims_status", "status"),
        Index("ix_claims_invoice_id", "invoice_id", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    policy_no: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    external_id: Mapped[str | None] = mapped_column(String(64))
    synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
