from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
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


class EpisodeStatus(str, enum.Enum):
    draft = "draft"
    processing = "processing"
    scheduled = "scheduled"
    published = "published"
    archived = "archived"


class Creator(Base):
    __tablename__ = "creators"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    payout_account_id: Mapped[str | None] = mapped_column(String(64))
    api_token_hash: Mapped[str] = mapped_column(String(128), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    shows: Mapped[list["Show"]] = relationship(back_populates="creator")


class Show(Base):
    __tablename__ = "shows"

    id: Mapped[int] = mapped_column(primary_key=True)
    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    category: Mapped[str] = mapped_column(String(64), default="Technology")
    explicit: Mapped[bool] = mapped_column(Boolean, default=False)
    artwork_url: Mapped[str | None] = mapped_column(String(500))
    private_feed_token: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    creator: Mapped[Creator] = relationship(back_populates="shows")
    episodes: Mapped[list["Episode"]] = relationship(back_populates="show")


class Episode(Base):
    __tablename__ = "episodes"
    __table_args__ = (Index("ix_episodes_show_published", "show_id", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id"))
    number: Mapped[int] = mapped_column(Integer)
    guid: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[EpisodeStatus] = mapped_column(Enum(EpisodeStatus), default=EpisodeStatus.draft)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ad_slots: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    show: Mapped[Show] = relationship(back_populates="episodes")


class AudioAsset(Base):
    __tablename__ = "audio_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    variant: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(String(500))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(64), default="audio/mpeg")


class TranscodeJob(Base):
    __tablename__ = "transcode_jobs"
    __table_args__ = (Index("ix_transcode_jobs_status_updated", "status", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(24), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class DailyEpisodeStats(Base):
    __tablename__ = "daily_episode_stats"

    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    downloads: Mapped[int] = mapped_column(BigInteger, default=0)
    unique_listeners: Mapped[int] = mapped_column(BigInteger, default=0)
    listen_seconds: Mapped[int] = mapped_column(BigInteger, default=0)


class AdCampaign(Base):
    __tablename__ = "ad_campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    advertiser: Mapped[str] = mapped_column(String(200))
    cpm_cents: Mapped[int] = mapped_column(Integer)
    daily_cap: Mapped[int] = mapped_column(Integer, default=10_000)
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class AdImpression(Base):
    __tablename__ = "ad_impressions"
    __table_args__ = (Index("ix_ad_impressions_episode_day", "episode_id", "day"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaigns.id"))
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    revenue_cents: Mapped[int] = mapped_column(Integer)


class CreatorBalance(Base):
    __tablename__ = "creator_balances"

    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id"), primary_key=True)
    available_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    pending_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)


class Payout(Base):
    __tablename__ = "payouts"

    id: Mapped[int] = mapped_column(primary_key=True)
    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    status: Mapped[str] = mapped_column(String(24), default="requested")
    provider_ref: Mapped[str | None] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    amount: Mapped[float] = mapped_column(Numeric(12, 2), default=0)


class WebhookSubscription(Base):
    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id"), index=True)
    directory: Mapped[str] = mapped_column(String(64))
    endpoint_url: Mapped[str] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "event_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("webhook_subscriptions.id"))
    event_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
