from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from telco.models.base import Base, TimestampMixin


class Subscriber(TimestampMixin, Base):
    __tablename__ = "subscribers"
    __table_args__ = (
        Index("ix_subscribers_status_plan", "status", "plan_code"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    msisdn: Mapped[str] = mapped_column(String(15), unique=True)
    imsi: Mapped[str] = mapped_column(String(15), unique=True)
    iccid: Mapped[str] = mapped_column(String(22), unique=True)
    account_ref: Mapped[str] = mapped_column(String(40))
    plan_code: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    payment_customer_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SimProfile(TimestampMixin, Base):
    __tablename__ = "sim_profiles"
    __table_args__ = (
        Index("ix_sim_profiles_eid", "eid"),
    )

    iccid: Mapped[str] = mapped_column(String(22), primary_key=True)
    eid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    kind: Mapped[str] = mapped_column(String(8))  # "physical" | "esim"
    state: Mapped[str] = mapped_column(String(16), default="available")
    ki_ref: Mapped[str] = mapped_column(String(64))


class Balance(Base):
    __tablename__ = "balances"

    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"), primary_key=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    reserved_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    data_allowance_kb: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reservation(TimestampMixin, Base):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_subscriber_status", "subscriber_id", "status"),
        Index("ix_reservations_expires", "expires_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    session_id: Mapped[str] = mapped_column(String(64))
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="held")
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
