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


class ProductStatus(str, enum.Enum):
    ACTIVE = "active"
    PAUSED = "paused"
    DISABLED = "disabled"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(128))
    api_key_hash: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    plan: Mapped[str] = mapped_column(String(16), default="free")
    push_token: Mapped[str | None] = mapped_column(String(256))
    webhook_url: Mapped[str | None] = mapped_column(Text)
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    alert_rules: Mapped[list["AlertRule"]] = relationship(back_populates="user")
    tracked: Mapped[list["TrackedItem"]] = relationship(back_populates="user")


class Retailer(Base):
    __tablename__ = "retailers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    requests_per_second: Mapped[float] = mapped_column(Numeric(6, 2), default=1)
    parser: Mapped[str] = mapped_column(String(32), default="generic")
    affiliate_tag: Mapped[str | None] = mapped_column(String(64))


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        Index("ix_products_next_crawl", "status", "next_crawl_at"),
        Index("ix_products_retailer", "retailer_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    retailer_id: Mapped[int] = mapped_column(ForeignKey("retailers.id"))
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    last_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    lowest_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    status: Mapped[ProductStatus] = mapped_column(Enum(ProductStatus), default=ProductStatus.ACTIVE)
    tracker_count: Mapped[int] = mapped_column(Integer, default=0)
    in_stock: Mapped[bool] = mapped_column(Boolean, default=True)
    failure_count: Mapped[int] = mapped_column(Integer, default=0)
    next_crawl_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_crawled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    retailer: Mapped[Retailer] = relationship()


class TrackedItem(Base):
    __tablename__ = "tracked_items"
    __table_args__ = (
        UniqueConstraint("user_id", "product_id", name="uq_tracked_user_product"),
        Index("ix_tracked_items_user", "user_id"),
        Index("ix_tracked_items_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    label: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    user: Mapped[User] = relationship(back_populates="tracked")
    product: Mapped[Product] = relationship()


class AlertRule(Base):
    __tablename__ = "alert_rules"
    __table_args__ = (Index("ix_alert_rules_user", "user_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    target_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    min_drop_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    channel: Mapped[str] = mapped_column(String(16), default="email")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_fired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    user: Mapped[User] = relationship(back_populates="alert_rules")
    product: Mapped[Product] = relationship()


class AffiliateLink(Base):
    __tablename__ = "affiliate_links"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    slug: Mapped[str] = mapped_column(String(16), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    target_url: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AffiliateClick(Base):
    __tablename__ = "affiliate_clicks"
    __table_args__ = (Index("ix_affiliate_clicks_link", "link_id", "clicked_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("affiliate_links.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    ip_hash: Mapped[str] = mapped_column(String(64))
    clicked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class NotificationLog(Base):
    __tablename__ = "notification_log"
    __table_args__ = (Index("ix_notification_log_rule", "rule_id", "sent_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    rule_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(BigInteger)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class UserMute(Base):
    __tablename__ = "user_mutes"
    __table_args__ = (Index("ix_user_mutes_until", "until"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    until: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# Tables written over asyncpg by the crawler; not mapped by the ORM.

PRICE_HISTORY_DDL = """
CREATE TABLE IF NOT EXISTS price_history (
    id           BIGSERIAL PRIMARY KEY,
    product_id   BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    retailer_id  INTEGER NOT NULL,
    price        NUMERIC(12, 2) NOT NULL,
    currency     CHAR(3) NOT NULL,
    in_stock     BOOLEAN NOT NULL DEFAULT TRUE,
    observed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_price_history_product_observed
    ON price_history (product_id, observed_at DESC);
CREATE INDEX IF NOT EXISTS ix_price_history_observed_brin
    ON price_history USING brin (observed_at);
"""

CRAWL_JOBS_DDL = """
CREATE TABLE IF NOT EXISTS crawl_jobs (
    id           BIGSERIAL PRIMARY KEY,
    product_id   BIGINT NOT NULL,
    retailer_id  INTEGER NOT NULL,
    shard        SMALLINT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'queued',
    attempts     SMALLINT NOT NULL DEFAULT 0,
    enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_at    TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_crawl_jobs_shard_status ON crawl_jobs (shard, status, enqueued_at);
"""

RAW_DDL = (PRICE_HISTORY_DDL, CRAWL_JOBS_DDL)
