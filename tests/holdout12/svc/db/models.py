"""SQLAlchemy models for the subscription side of the platform."""
import uuid
from collections.abc import AsyncIterator
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, func
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from svc.config import get_settings


class Base(DeclarativeBase):
    pass


class Creator(Base):
    __tablename__ = "creators"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    handle: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    payout_account_id: Mapped[str | None] = mapped_column(String(64))
    payout_webhook_url: Mapped[str | None] = mapped_column(String(512))
    available_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    stream_key_hash: Mapped[bytes | None]

    subscriptions: Mapped[list["Subscription"]] = relationship(back_populates="creator")

    __table_args__ = (Index("ix_creators_available_cents", "available_cents"),)


class Video(Base):
    __tablename__ = "videos"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    creator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creators.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    upload_status: Mapped[str] = mapped_column(String(32), default="uploading")
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    required_tier: Mapped[str | None] = mapped_column(String(32))
    source_key: Mapped[str] = mapped_column(String(512))
    duration_s: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_videos_creator_published", "creator_id", "published_at"),)


class Rendition(Base):
    __tablename__ = "renditions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id"), index=True)
    height: Mapped[int]
    bandwidth: Mapped[int]
    codecs: Mapped[str] = mapped_column(String(64))
    playlist_key: Mapped[str] = mapped_column(String(512))


class Subscription(Base):
    __tablename__ = "subscriptions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    subscriber_id: Mapped[uuid.UUID] = mapped_column(index=True)
    creator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creators.id"))
    tier: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="active")
    external_ref: Mapped[str | None] = mapped_column(String(64))
    current_period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    creator: Mapped[Creator] = relationship(back_populates="subscriptions")

    __table_args__ = (
        UniqueConstraint("subscriber_id", "creator_id", name="uq_subscription_pair"),
        Index("ix_subscriptions_creator_status", "creator_id", "status"),
    )


class GiftCode(Base):
    __tablename__ = "gift_codes"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    creator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creators.id"))
    tier: Mapped[str] = mapped_column(String(32))
    months: Mapped[int] = mapped_column(Integer, default=1)
    redeemed_by: Mapped[uuid.UUID | None]
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ModerationItem(Base):
    __tablename__ = "moderation_items"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id"), index=True)
    reporter_id: Mapped[uuid.UUID]
    reason: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reviewer_id: Mapped[uuid.UUID | None]
    ml_score: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        UniqueConstraint("video_id", "reporter_id", name="uq_moderation_report"),
        Index("ix_moderation_status_created", "status", "created_at"),
    )


class Payout(Base):
    __tablename__ = "payouts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    creator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("creators.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    provider_transfer_id: Mapped[str | None] = mapped_column(String(64), unique=True)


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id"))
    author_id: Mapped[uuid.UUID]
    body: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_comments_video_created", "video_id", "created_at"),)


class ViewCount(Base):
    __tablename__ = "view_counts"

    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id"), primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


_settings = get_settings()
engine = create_async_engine(
    _settings.orm_dsn,
    pool_size=10,
    max_overflow=10,
    pool_timeout=5,
    pool_pre_ping=True,
)
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session
