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
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class Branch(Base):
    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    printer_name: Mapped[str] = mapped_column(String(64))


class Patient(TimestampMixin, Base):
    __tablename__ = "patients"
    __table_args__ = (Index("ix_patients_last_name_dob", "last_name", "date_of_birth"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chain_patient_no: Mapped[str] = mapped_column(String(32), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(32))
    sms_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)

    allergies: Mapped[list["Allergy"]] = relationship(back_populates="patient", lazy="raise")


class Allergy(Base):
    __tablename__ = "allergies"
    __table_args__ = (Index("ix_allergies_patient_id", "patient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    substance_code: Mapped[str] = mapped_column(String(32))
    reaction: Mapped[str | None] = mapped_column(String(200))

    patient: Mapped[Patient] = relationship(back_populates="allergies")


class Prescription(TimestampMixin, Base):
    __tablename__ = "prescriptions"
    __table_args__ = (
        Index("ix_prescriptions_branch_status", "branch_id", "status"),
        Index("ix_prescriptions_patient_id", "patient_id"),
        Index("ix_prescriptions_received_at", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exchange_rx_id: Mapped[str] = mapped_column(String(64), unique=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    prescriber_npi: Mapped[str] = mapped_column(String(16))
    drug_code: Mapped[str] = mapped_column(String(16))
    drug_name: Mapped[str | None] = mapped_column(String(200))
    sig_text: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int] = mapped_column(Integer)
    days_supply: Mapped[int] = mapped_column(Integer, default=30)
    refills_remaining: Mapped[int] = mapped_column(Integer, default=0)
    controlled_schedule: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24), default="received")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StockLot(Base):
    __tablename__ = "stock_lots"
    __table_args__ = (
        UniqueConstraint("branch_id", "drug_code", "lot_no", name="uq_stock_lots_branch_drug_lot"),
        Index("ix_stock_lots_branch_drug", "branch_id", "drug_code"),
        Index("ix_stock_lots_expiry_date", "expiry_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    drug_code: Mapped[str] = mapped_column(String(16))
    lot_no: Mapped[str] = mapped_column(String(32))
    expiry_date: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)
    reorder_point: Mapped[int] = mapped_column(Integer, default=0)


class ReorderRequest(TimestampMixin, Base):
    __tablename__ = "reorder_requests"
    __table_args__ = (Index("ix_reorder_requests_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    drug_code: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    wholesaler_order_ref: Mapped[str | None] = mapped_column(String(64))


class QueueEntry(TimestampMixin, Base):
    __tablename__ = "dispense_queue"
    __table_args__ = (
        Index("ix_dispense_queue_branch_state", "branch_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="waiting")
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock_lots.id"))
    verified_by: Mapped[str | None] = mapped_column(String(32))


class Claim(TimestampMixin, Base):
    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_status_submitted_at", "status", "submitted_at"),
        Index("ix_claims_prescription_id", "prescription_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    payer_id: Mapped[str] = mapped_column(String(32))
    payer_claim_ref: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    reject_code: Mapped[str | None] = mapped_column(String(16))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RefillReminder(Base):
    __tablename__ = "refill_reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prescription_id: Mapped[int] = mapped_column(ForeignKey("prescriptions.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ChatMessage(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (Index("ix_chat_messages_room_created", "room", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room: Mapped[str] = mapped_column(String(64))
    sender: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
