"""ORM models. The raw-SQL repositories use the same tables; all indexes are declared here."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, Numeric, String
from sqlalchemy import Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Advertiser(Base):
    __tablename__ = "advertisers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    seat_prefix: Mapped[str] = mapped_column(String(16))

    campaigns: Mapped[list[Campaign]] = relationship(back_populates="advertiser")


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        Index("ix_campaigns_advertiser_status", "advertiser_id", "status"),
        Index("ix_campaigns_status", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    advertiser_id: Mapped[int] = mapped_column(ForeignKey("advertisers.id"))
    name: Mapped[str] = mapped_column(String(200))
    external_ref: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    daily_budget: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    total_budget: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    bid_cpm: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    advertiser: Mapped[Advertiser] = relationship(back_populates="campaigns")
    line_items: Mapped[list[LineItem]] = relationship(back_populates="campaign")
    creatives: Mapped[list[Creative]] = relationship(back_populates="campaign")


class LineItem(Base):
    __tablename__ = "line_items"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    bid_cpm: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    traffic_pct: Mapped[int] = mapped_column(Integer, default=100)
    freq_cap: Mapped[int] = mapped_column(Integer, default=10)
    deal_id: Mapped[str | None] = mapped_column(String(64))
    targeting: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)

    campaign: Mapped[Campaign] = relationship(back_populates="line_items")


class Creative(Base):
    __tablename__ = "creatives"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    markup: Mapped[str] = mapped_column(Text)
    landing_url: Mapped[str] = mapped_column(String(2048))
    approved: Mapped[bool] = mapped_column(Boolean, default=False)

    campaign: Mapped[Campaign] = relationship(back_populates="creatives")


class Impression(Base):
    __tablename__ = "impressions"
    __table_args__ = (
        Index("ix_impressions_campaign_ts", "campaign_id", "ts"),
        Index("ix_impressions_ts", "ts"),
        Index("ux_impressions_request_id", "request_id", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[int] = mapped_column(BigInteger)
    creative_id: Mapped[int] = mapped_column(BigInteger)
    line_item_id: Mapped[int] = mapped_column(BigInteger)
    user_hash: Mapped[str] = mapped_column(String(64))
    site_domain: Mapped[str] = mapped_column(String(255))
    price_cpm: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Click(Base):
    __tablename__ = "clicks"
    __table_args__ = (
        Index("ix_clicks_campaign_ts", "campaign_id", "ts"),
        Index("ix_clicks_ts", "ts"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    click_id: Mapped[str] = mapped_column(String(64), unique=True)
    impression_request_id: Mapped[str] = mapped_column(String(64), index=True)
    campaign_id: Mapped[int] = mapped_column(BigInteger)
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Conversion(Base):
    __tablename__ = "conversions"
    __table_args__ = (Index("ix_conversions_campaign_ts", "campaign_id", "ts"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    click_id: Mapped[str] = mapped_column(String(64), index=True)
    campaign_id: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DailyStat(Base):
    __tablename__ = "daily_stats"
    __table_args__ = (
        UniqueConstraint("campaign_id", "day", name="uq_daily_stats_campaign_day"),
        Index("ix_daily_stats_day", "day"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(BigInteger)
    day: Mapped[date] = mapped_column(Date)
    impressions: Mapped[int] = mapped_column(BigInteger, default=0)
    clicks: Mapped[int] = mapped_column(BigInteger, default=0)
    conversions: Mapped[int] = mapped_column(BigInteger, default=0)
    spend: Mapped[Decimal] = mapped_column(Numeric(14, 4), default=0)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    advertiser_id: Mapped[int] = mapped_column(ForeignKey("advertisers.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(12), unique=True)
    secret_hash: Mapped[bytes] = mapped_column(LargeBinary)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    actor_id: Mapped[int] = mapped_column(BigInteger)
    campaign_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
