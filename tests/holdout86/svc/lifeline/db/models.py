from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # centre, hospital, mobile
    region: Mapped[str] = mapped_column(String(40))


class Donor(Base):
    __tablename__ = "donors"
    __table_args__ = (
        UniqueConstraint("national_id_hash", name="uq_donors_national_id_hash"),
        Index("ix_donors_email", "email"),
        Index("ix_donors_last_name", "last_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    national_id_hash: Mapped[str] = mapped_column(String(128))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    sex: Mapped[str] = mapped_column(String(1))
    abo: Mapped[str] = mapped_column(String(2))
    rh: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_donation_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)

    deferrals: Mapped[list[Deferral]] = relationship(back_populates="donor")


class Deferral(Base):
    __tablename__ = "deferrals"
    __table_args__ = (Index("ix_deferrals_donor_id_until", "donor_id", "until"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"))
    reason: Mapped[str] = mapped_column(String(60))
    until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    permanent: Mapped[bool] = mapped_column(Boolean, default=False)

    donor: Mapped[Donor] = relationship(back_populates="deferrals")


class Drive(Base):
    __tablename__ = "drives"
    __table_args__ = (Index("ix_drives_site_starts", "site_id", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    title: Mapped[str] = mapped_column(String(120))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    capacity: Mapped[int] = mapped_column(Integer)


class Slot(Base):
    __tablename__ = "slots"
    __table_args__ = (Index("ix_slots_drive_id", "drive_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("drives.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    capacity: Mapped[int] = mapped_column(Integer)


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("slot_id", "donor_id", name="uq_appointments_slot_donor"),
        Index("ix_appointments_slot_id", "slot_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"))
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"))
    status: Mapped[str] = mapped_column(String(20), default="booked")
    reminder_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Unit(Base):
    """A whole-blood bag as collected; components are split from it."""

    __tablename__ = "units"
    __table_args__ = (
        UniqueConstraint("bag_barcode", name="uq_units_bag_barcode"),
        Index("ix_units_lot_number", "lot_number"),
        Index("ix_units_status_site", "status", "site_id"),
        Index("ix_units_collected_at", "collected_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bag_barcode: Mapped[str] = mapped_column(String(40))
    lot_number: Mapped[str] = mapped_column(String(40))
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    collected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="quarantined")
    test_panel: Mapped[str | None] = mapped_column(Text)

    components: Mapped[list[Component]] = relationship(back_populates="unit")


class Component(Base):
    __tablename__ = "components"
    __table_args__ = (
        Index("ix_components_unit_id", "unit_id"),
        Index("ix_components_kind_abo_rh_status", "kind", "abo", "rh", "status"),
        Index("ix_components_order_id", "order_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(20))  # red_cells, plasma, platelets, cryo
    abo: Mapped[str] = mapped_column(String(2))
    rh: Mapped[str] = mapped_column(String(1))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    status: Mapped[str] = mapped_column(String(20), default="available")
    volume_ml: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))

    unit: Mapped[Unit] = relationship(back_populates="components")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_hospital_created", "hospital_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hospital_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    patient_ref: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    abo: Mapped[str] = mapped_column(String(2))
    rh: Mapped[str] = mapped_column(String(1))
    quantity: Mapped[int] = mapped_column(Integer)
    urgency: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    lab_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Sensor(Base):
    __tablename__ = "sensors"
    __table_args__ = (Index("ix_sensors_site_id", "site_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    fridge_label: Mapped[str] = mapped_column(String(40))
    min_celsius: Mapped[float] = mapped_column(Float)
    max_celsius: Mapped[float] = mapped_column(Float)


class Courier(Base):
    __tablename__ = "couriers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    pin_hash: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
