"""ORM models for riders, fare cards and payments."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from transit.db.orm import Base


class Rider(Base):
    __tablename__ = "riders"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    push_token: Mapped[str | None] = mapped_column(String(512))
    sms_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    cards: Mapped[list["FareCard"]] = relationship(back_populates="rider")
    subscriptions: Mapped[list["RouteSubscription"]] = relationship(back_populates="rider")


class FareCard(Base):
    __tablename__ = "fare_cards"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    rider_id: Mapped[int] = mapped_column(ForeignKey("riders.id"), index=True)
    card_number: Mapped[str] = mapped_column(String(32), unique=True)
    balance_cents: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    autoload_threshold_cents: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    rider: Mapped[Rider] = relationship(back_populates="cards")


class TopUp(Base):
    __tablename__ = "top_ups"
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_top_ups_idempotency_key"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("fare_cards.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    idempotency_key: Mapped[str] = mapped_column(String(64))
    provider_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class FareTransaction(Base):
    __tablename__ = "fare_transactions"
    __table_args__ = (Index("ix_fare_tx_card_time", "card_id", "tapped_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("fare_cards.id"))
    stop_id: Mapped[str] = mapped_column(String(32))
    route_id: Mapped[str | None] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(Integer)
    tapped_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RouteSubscription(Base):
    __tablename__ = "route_subscriptions"
    __table_args__ = (
        UniqueConstraint("rider_id", "route_id", name="uq_route_sub"),
        Index("ix_route_sub_route", "route_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    rider_id: Mapped[int] = mapped_column(ForeignKey("riders.id"))
    route_id: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(8), default="push")

    rider: Mapped[Rider] = relationship(back_populates="subscriptions")


class PaymentEvent(Base):
    __tablename__ = "payment_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
