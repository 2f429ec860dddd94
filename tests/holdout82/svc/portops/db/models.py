"""SQLAlchemy ORM models for the terminal schema (see migrations/ for the DDL)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Vessel(Base, TimestampMixin):
    __tablename__ = "vessels"

    id: Mapped[int] = mapped_column(primary_key=True)
    imo: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    loa_m: Mapped[float] = mapped_column(Numeric(6, 2))
    operator_code: Mapped[str] = mapped_column(String(8), index=True)


class Berth(Base):
    __tablename__ = "berths"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    length_m: Mapped[float] = mapped_column(Numeric(7, 2))
    occupied_m: Mapped[float] = mapped_column(Numeric(7, 2), default=0)
    max_draft_m: Mapped[float] = mapped_column(Numeric(5, 2))


class VesselCall(Base, TimestampMixin):
    __tablename__ = "vessel_calls"
    __table_args__ = (
        Index("ix_vessel_calls_berth_eta", "berth_id", "eta"),
        Index("ix_vessel_calls_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    berth_id: Mapped[int | None] = mapped_column(ForeignKey("berths.id"))
    voyage: Mapped[str] = mapped_column(String(20))
    eta: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    etd: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="PLANNED")
    planned_moves: Mapped[int] = mapped_column(Integer, default=0)

    vessel: Mapped[Vessel] = relationship(lazy="raise")
    berth: Mapped[Berth | None] = relationship(lazy="raise")


class YardBlock(Base):
    __tablename__ = "yard_blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    rows: Mapped[int] = mapped_column(Integer)
    bays: Mapped[int] = mapped_column(Integer)
    max_tiers: Mapped[int] = mapped_column(Integer)
    reefer: Mapped[bool] = mapped_column(default=False)


class YardSlot(Base):
    __tablename__ = "yard_slots"
    __table_args__ = (
        UniqueConstraint("block_id", "bay", "row", "tier", name="uq_slot_position"),
        Index("ix_yard_slots_block_free", "block_id", "container_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("yard_blocks.id"))
    bay: Mapped[int] = mapped_column(Integer)
    row: Mapped[int] = mapped_column(Integer)
    tier: Mapped[int] = mapped_column(Integer)
    container_id: Mapped[int | None] = mapped_column(ForeignKey("containers.id"))


class Container(Base, TimestampMixin):
    __tablename__ = "containers"
    __table_args__ = (Index("ix_containers_call_status", "vessel_call_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(11), unique=True, index=True)
    iso_type: Mapped[str] = mapped_column(String(4))
    gross_kg: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="EXPECTED")
    vessel_call_id: Mapped[int | None] = mapped_column(ForeignKey("vessel_calls.id"))
    pod: Mapped[str | None] = mapped_column(String(5))
    line_operator: Mapped[str] = mapped_column(String(8))


class CraneMove(Base, TimestampMixin):
    __tablename__ = "crane_moves"
    __table_args__ = (
        Index("ix_crane_moves_crane_status", "crane_id", "status"),
        Index("ix_crane_moves_call", "vessel_call_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    crane_id: Mapped[str] = mapped_column(String(8))
    vessel_call_id: Mapped[int] = mapped_column(ForeignKey("vessel_calls.id"))
    container_id: Mapped[int] = mapped_column(ForeignKey("containers.id"))
    kind: Mapped[str] = mapped_column(String(8))
    sequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="QUEUED")
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class GateAppointment(Base, TimestampMixin):
    __tablename__ = "gate_appointments"
    __table_args__ = (Index("ix_gate_appointments_window", "window_start", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    haulier_code: Mapped[str] = mapped_column(String(10), index=True)
    container_number: Mapped[str] = mapped_column(String(11))
    window_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default="BOOKED")


class GateTransaction(Base, TimestampMixin):
    __tablename__ = "gate_transactions"
    __table_args__ = (Index("ix_gate_tx_lane_started", "lane", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("gate_appointments.id"))
    lane: Mapped[int] = mapped_column(Integer)
    truck_plate: Mapped[str] = mapped_column(String(16))
    container_number: Mapped[str | None] = mapped_column(String(11))
    direction: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default="OPEN")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CustomsHold(Base, TimestampMixin):
    __tablename__ = "customs_holds"
    __table_args__ = (Index("ix_customs_holds_container_status", "container_number", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    container_number: Mapped[str] = mapped_column(String(11))
    hold_code: Mapped[str] = mapped_column(String(8))
    authority_ref: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="ACTIVE")
    reason: Mapped[str | None] = mapped_column(Text)
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EdiMessage(Base):
    __tablename__ = "edi_messages"
    __table_args__ = (
        Index("ix_edi_messages_status_received", "status", "received_at"),
        Index("ix_edi_messages_sender_ref", "sender", "interchange_ref", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender: Mapped[str] = mapped_column(String(35))
    interchange_ref: Mapped[str] = mapped_column(String(14))
    message_type: Mapped[str] = mapped_column(String(6))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="PENDING")
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
