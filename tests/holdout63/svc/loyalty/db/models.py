from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
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
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Tier(str, enum.Enum):
    BASIC = "basic"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    external_ref: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320))
    display_name: Mapped[str] = mapped_column(String(120))
    tier: Mapped[Tier] = mapped_column(Enum(Tier, name="member_tier"), default=Tier.BASIC)
    points_balance: Mapped[int] = mapped_column(BigInteger, default=0)
    lifetime_points: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    region: Mapped[str] = mapped_column(String(8), default="EU")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    batches: Mapped[list[PointsBatch]] = relationship(back_populates="member")

    __table_args__ = (
        Index("ix_members_email", "email"),
        Index("ix_members_tier_region", "tier", "region"),
    )


class PointsBatch(Base):
    """Points earned together, consumed FIFO and expiring together."""

    __tablename__ = "points_batches"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    points_total: Mapped[int] = mapped_column(Integer)
    points_remaining: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(32))
    earned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    member: Mapped[Member] = relationship(back_populates="batches")


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    delta: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    reference: Mapped[str | None] = mapped_column(String(64))
    reward_id: Mapped[int | None] = mapped_column(ForeignKey("rewards.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_ledger_member_created", "member_id", "created_at"),)


class Reward(Base):
    __tablename__ = "rewards"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    cost_points: Mapped[int] = mapped_column(Integer)
    partner_code: Mapped[str | None] = mapped_column(String(32))
    stock: Mapped[int | None] = mapped_column(Integer)
    min_tier: Mapped[Tier] = mapped_column(Enum(Tier, name="member_tier"), default=Tier.BASIC)
    region: Mapped[str] = mapped_column(String(8), default="EU")


class Voucher(Base):
    __tablename__ = "vouchers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    reward_id: Mapped[int] = mapped_column(ForeignKey("rewards.id"))
    partner_ref: Mapped[str | None] = mapped_column(String(64))
    code: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    segment_rule: Mapped[dict] = mapped_column(JSONB)
    bonus_points: Mapped[int] = mapped_column(Integer)
    multiplier: Mapped[float] = mapped_column(Numeric(4, 2), default=1)
    budget_points: Mapped[int] = mapped_column(BigInteger)
    spent_points: Mapped[int] = mapped_column(BigInteger, default=0)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_campaigns_status_starts", "status", "starts_at"),)


class CampaignAward(Base):
    __tablename__ = "campaign_awards"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    points: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("campaign_id", "member_id", name="uq_campaign_member"),)


class OutboxEvent(Base):
    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(JSONB)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        Index("ix_outbox_unpublished", "id", postgresql_where=published_at.is_(None)),
    )


class DeviceToken(Base):
    __tablename__ = "device_tokens"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    token: Mapped[str] = mapped_column(String(255), unique=True)
    platform: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_device_tokens_member", "member_id"),)


class TierRuleRow(Base):
    __tablename__ = "tier_rules"

    tier: Mapped[Tier] = mapped_column(Enum(Tier, name="member_tier"), primary_key=True)
    min_lifetime_points: Mapped[int] = mapped_column(Integer)
    multiplier: Mapped[float] = mapped_column(Numeric(4, 2))
