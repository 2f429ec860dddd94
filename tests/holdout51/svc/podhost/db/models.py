"""Catalogue ORM models (shows, episodes, creators, webhooks)."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
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
    failed = "failed"


class Creator(Base):
    __tablename__ = "creators"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    api_key_hash: Mapped[str] = mapped_column(String(200), index=True)
    payout_account: Mapped[str | None] = mapped_column(String(120))
    balance_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    shows: Mapped[list["Show"]] = relationship(back_populates="creator")


class Show(Base):
    __tablename__ = "shows"
    __table_args__ = (Index("ix_shows_creator_id", "creator_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    creator_id: Mapped[int] = mapped_column(ForeignKey("creators.id"))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(12), default="en")
    category: Mapped[str] = mapped_column(String(80), default="Technology")
    explicit: Mapped[bool] = mapped_column(Boolean, default=False)
    artwork_url: Mapped[str | None] = mapped_column(String(500))
    is_private: Mapped[bool] = mapped_column(Boolean, default=False)
    total_downloads: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    creator: Mapped[Creator] = relationship(back_populates="shows")
    episodes: Mapped[list["Episode"]] = relationship(back_populates="show", order_by="Episode.published_at.desc()")


class Episode(Base):
    __tablename__ = "episodes"
    __table_args__ = (
        UniqueConstraint("show_id", "slug", name="uq_episodes_show_slug"),
        Index("ix_episodes_show_published", "show_id", "published_at"),
        Index("ix_episodes_status", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id"))
    slug: Mapped[str] = mapped_column(String(160))
    guid: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    season: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[EpisodeStatus] = mapped_column(Enum(EpisodeStatus), default=EpisodeStatus.draft)
    audio_key: Mapped[str | None] = mapped_column(String(400))
    audio_bytes: Mapped[int | None] = mapped_column(BigInteger)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    ad_markers: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    premiere_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    show: Mapped[Show] = relationship(back_populates="episodes")
    chapters: Mapped[list["Chapter"]] = relationship(back_populates="episode", cascade="all, delete-orphan")


class Chapter(Base):
    __tablename__ = "chapters"
    __table_args__ = (Index("ix_chapters_episode_id", "episode_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"))
    start_seconds: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))

    episode: Mapped[Episode] = relationship(back_populates="chapters")


class TranscodeJob(Base):
    __tablename__ = "transcode_jobs"
    __table_args__ = (Index("ix_transcode_jobs_episode_id", "episode_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    source_key: Mapped[str] = mapped_column(String(400))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DirectorySubscription(Base):
    __tablename__ = "directory_subscriptions"
    __table_args__ = (Index("ix_dirsub_show_id", "show_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    show_id: Mapped[int] = mapped_column(ForeignKey("shows.id"))
    endpoint: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("directory_subscriptions.id"))
    event: Mapped[str] = mapped_column(String(60))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
