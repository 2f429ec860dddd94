"""ORM models. Indexes are declared next to the tables they serve."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
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
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Clinic(Base):
    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    phone: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Owner(Base):
    __tablename__ = "owners"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(160))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    sms_opt_in: Mapped[bool] = mapped_column(Boolean, default=True)

    pets: Mapped[list["Pet"]] = relationship(back_populates="owner")

    __table_args__ = (Index("ix_owners_email", "email"),)


class Pet(Base):
    __tablename__ = "pets"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))
    name: Mapped[str] = mapped_column(String(80))
    species: Mapped[str] = mapped_column(String(32))
    breed: Mapped[str | None] = mapped_column(String(80))
    microchip: Mapped[str | None] = mapped_column(String(32))
    birth_date: Mapped[date | None] = mapped_column(Date)
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    home_clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))

    owner: Mapped[Owner] = relationship(back_populates="pets")

    __table_args__ = (
        Index("ix_pets_owner_id", "owner_id"),
        Index("ix_pets_microchip", "microchip", unique=True),
    )


class Vet(Base):
    __tablename__ = "vets"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    full_name: Mapped[str] = mapped_column(String(160))
    licence_no: Mapped[str] = mapped_column(String(40))


class Appointment(Base):
    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    vet_id: Mapped[int] = mapped_column(ForeignKey("vets.id"))
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="booked")
    reason: Mapped[str | None] = mapped_column(Text)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    pet: Mapped[Pet] = relationship()

    __table_args__ = (
        Index("ix_appointments_vet_start", "vet_id", "starts_at"),
        Index("ix_appointments_clinic_start", "clinic_id", "starts_at"),
        Index("ix_appointments_pet_id", "pet_id"),
    )


class MedicalRecord(Base):
    __tablename__ = "medical_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    vet_id: Mapped[int] = mapped_column(ForeignKey("vets.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(24))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[dict] = mapped_column(JSONB, default=dict)

    __table_args__ = (Index("ix_medical_records_pet_recorded", "pet_id", "recorded_at"),)


class LabOrder(Base):
    __tablename__ = "lab_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    external_ref: Mapped[str | None] = mapped_column(String(64))
    panel: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    ordered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_lab_orders_status_ordered", "status", "ordered_at"),
        UniqueConstraint("external_ref", name="uq_lab_orders_external_ref"),
    )


class LabResult(Base):
    __tablename__ = "lab_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_order_id: Mapped[int] = mapped_column(ForeignKey("lab_orders.id"))
    analyte: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(16))
    flag: Mapped[str | None] = mapped_column(String(8))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Drug(Base):
    __tablename__ = "drugs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    controlled: Mapped[bool] = mapped_column(Boolean, default=False)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class StockLevel(Base):
    __tablename__ = "stock_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    drug_id: Mapped[int] = mapped_column(ForeignKey("drugs.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    reorder_point: Mapped[int] = mapped_column(Integer, default=10)

    __table_args__ = (UniqueConstraint("clinic_id", "drug_id", name="uq_stock_clinic_drug"),)


class Prescription(Base):
    __tablename__ = "prescriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    drug_id: Mapped[int] = mapped_column(ForeignKey("drugs.id"))
    vet_id: Mapped[int] = mapped_column(ForeignKey("vets.id"))
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    dose: Mapped[str] = mapped_column(String(80))
    quantity: Mapped[int] = mapped_column(Integer)
    refills_allowed: Mapped[int] = mapped_column(Integer, default=0)
    refills_used: Mapped[int] = mapped_column(Integer, default=0)
    expires_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (Index("ix_prescriptions_pet_id", "pet_id"),)


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinics.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=0)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    preauth_ref: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_invoices_owner_id", "owner_id"),)


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    drug_id: Mapped[int | None] = mapped_column(ForeignKey("drugs.id"))

    __table_args__ = (Index("ix_invoice_lines_invoice_id", "invoice_id"),)


class InsurancePolicy(Base):
    __tablename__ = "insurance_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    pet_id: Mapped[int] = mapped_column(ForeignKey("pets.id"))
    insurer: Mapped[str] = mapped_column(String(40))
    policy_no: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (Index("ix_insurance_policies_pet_id", "pet_id"),)


class ReminderLog(Base):
    __tablename__ = "reminder_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointments.id"))
    channel: Mapped[str] = mapped_column(String(8))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    provider_id: Mapped[str | None] = mapped_column(String(64))
