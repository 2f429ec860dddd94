"""ORM models. Indexes are declared here and mirrored by the Alembic migrations."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Gym(Base):
    __tablename__ = "gyms"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        Index("ux_members_email", "email", unique=True),
        Index("ix_members_gym_id", "gym_id"),
        Index("ix_members_last_name_prefix", "last_name", postgresql_ops={"last_name": "text_pattern_ops"}),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    gym_id: Mapped[int] = mapped_column(ForeignKey("gyms.id"))
    email: Mapped[str] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[bytes]
    status: Mapped[str] = mapped_column(String(16), default="active")
    last_visit_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        Index("ix_memberships_member_id", "member_id"),
        Index("ix_memberships_status_renews_at", "status", "renews_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    plan_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    provider_customer_id: Mapped[str] = mapped_column(String(64))
    renews_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_gym_id", "gym_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    gym_id: Mapped[int] = mapped_column(ForeignKey("gyms.id"))
    name: Mapped[str] = mapped_column(String(80))
    price_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    active: Mapped[bool] = mapped_column(default=True)


class PushDevice(Base):
    __tablename__ = "push_devices"
    __table_args__ = (Index("ix_push_devices_member_id", "member_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    token: Mapped[str] = mapped_column(String(255))


class Instructor(Base):
    __tablename__ = "instructors"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    gym_id: Mapped[int] = mapped_column(ForeignKey("gyms.id"))
    display_name: Mapped[str] = mapped_column(String(120))


class ClassSession(Base):
    __tablename__ = "class_sessions"
    __table_args__ = (
        Index("ix_class_sessions_gym_starts_at", "gym_id", "starts_at"),
        Index("ix_class_sessions_instructor_id", "instructor_id"),
        Index("ix_class_sessions_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    gym_id: Mapped[int] = mapped_column(ForeignKey("gyms.id"))
    instructor_id: Mapped[int] = mapped_column(ForeignKey("instructors.id"))
    title: Mapped[str] = mapped_column(String(160))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    capacity: Mapped[int] = mapped_column(Integer)
    booked_count: Mapped[int] = mapped_column(Integer, default=0)

    instructor: Mapped[Instructor] = relationship(lazy="raise")
    bookings: Mapped[list["Booking"]] = relationship(back_populates="session", lazy="raise")


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("class_id", "member_id", name="ux_bookings_class_member"),
        Index("ix_bookings_member_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    status: Mapped[str] = mapped_column(String(16), default="booked")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    session: Mapped[ClassSession] = relationship(back_populates="bookings", lazy="raise")


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"
    __table_args__ = (
        UniqueConstraint("class_id", "member_id", name="ux_waitlist_class_member"),
        Index("ix_waitlist_class_position", "class_id", "position"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    position: Mapped[int] = mapped_column(Integer)
    priority: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_member_created", "member_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    provider_payment_id: Mapped[str] = mapped_column(String(64))
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CheckIn(Base):
    __tablename__ = "check_ins"
    __table_args__ = (
        Index("ix_check_ins_member_time", "member_id", "checked_in_at"),
        Index("ix_check_ins_gym_time", "gym_id", "checked_in_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    gym_id: Mapped[int] = mapped_column(ForeignKey("gyms.id"))
    checked_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WearableDevice(Base):
    __tablename__ = "wearable_devices"
    __table_args__ = (
        Index("ix_wearable_devices_member_id", "member_id"),
        Index("ix_wearable_devices_serial", "serial"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    serial: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    vendor_token: Mapped[str] = mapped_column(String(255))
    paired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class WearableSample(Base):
    __tablename__ = "wearable_samples"
    __table_args__ = (Index("ix_wearable_samples_member_recorded", "member_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("wearable_devices.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    heart_rate: Mapped[int] = mapped_column(Integer)
    calories: Mapped[int] = mapped_column(Integer)
