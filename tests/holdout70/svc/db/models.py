"""ORM models for the primary database.

Indexes are declared explicitly in ``__table_args__`` so that the migration
generator picks them up; keep them in sync with the queries in the repositories.
"""
from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
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


class BetStatus(str, enum.Enum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"
    VOID = "void"
    CASHED_OUT = "cashed_out"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    pin_hash: Mapped[str] = mapped_column(String(128))
    pin_salt: Mapped[str] = mapped_column(String(64))
    self_excluded_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_sport_start", "sport", "starts_at"),
        Index("ix_events_provider_ref", "provider", "provider_ref", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sport: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    provider: Mapped[str] = mapped_column(String(32))
    provider_ref: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")


class Wallet(Base):
    __tablename__ = "wallets"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    balance: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    bonus_balance: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    version: Mapped[int] = mapped_column(Integer, default=0)


class Bet(Base):
    __tablename__ = "bets"
    __table_args__ = (
        Index("ix_bets_user_placed", "user_id", "placed_at"),
        Index("ix_bets_status_placed", "status", "placed_at"),
        Index("ix_bets_placed_at", "placed_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    stake: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    potential_payout: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    odds: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    status: Mapped[BetStatus] = mapped_column(Enum(BetStatus, name="bet_status"), default=BetStatus.OPEN)
    free_bet_id: Mapped[int | None] = mapped_column(ForeignKey("free_bets.id"))
    partner_ref: Mapped[str | None] = mapped_column(String(64))
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    legs: Mapped[list["BetLeg"]] = relationship(back_populates="bet", lazy="raise")


class BetLeg(Base):
    __tablename__ = "bet_legs_orm"
    __table_args__ = (Index("ix_bet_legs_orm_bet", "bet_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bet_id: Mapped[int] = mapped_column(ForeignKey("bets.id"))
    selection_id: Mapped[int] = mapped_column(BigInteger)
    odds: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    result: Mapped[str | None] = mapped_column(String(8))

    bet: Mapped[Bet] = relationship(back_populates="legs")


class FreeBet(Base):
    __tablename__ = "free_bets"
    __table_args__ = (
        Index("ix_free_bets_user", "user_id"),
        Index("ix_free_bets_expires", "expires_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    campaign_code: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expired: Mapped[bool] = mapped_column(Boolean, default=False)


class RgLimit(Base):
    __tablename__ = "rg_limits"
    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_rg_limits_user_kind"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))  # deposit_daily, loss_weekly, stake_single
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    pending_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    pending_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PartnerWebhook(Base):
    __tablename__ = "partner_webhooks"
    __table_args__ = (Index("ix_partner_webhooks_partner", "partner_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    events: Mapped[str] = mapped_column(Text)  # comma separated
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Partner(Base):
    __tablename__ = "partners"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    revenue_share: Mapped[Decimal] = mapped_column(Numeric(5, 4), default=Decimal("0.25"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_subject_ts", "subject", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
