"""ORM models for the editorial side of the CMS."""
from __future__ import annotations

from datetime import datetime
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
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


class Tenant(Base):
    __tablename__ = "tenants"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("tenant_id", "slug", name="uq_articles_tenant_slug"),
        Index("ix_articles_tenant_status_published", "tenant_id", "status", "published_at"),
        Index("ix_articles_scheduled_for", "scheduled_for"),
        Index("ix_articles_embargo_until", "embargo_until", postgresql_where="embargo_until IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"))
    slug: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(400))
    standfirst: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    section: Mapped[str | None] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(Integer)
    current_revision: Mapped[int] = mapped_column(Integer, default=0)
    scheduled_for: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    embargo_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    images: Mapped[list["ArticleImage"]] = relationship(back_populates="article", lazy="raise")
    tags: Mapped[list["ArticleTag"]] = relationship(lazy="raise")


class Revision(Base):
    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text)
    editor_id: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ArticleTag(Base):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(80), primary_key=True)


class ArticleImage(Base):
    __tablename__ = "article_images"
    __table_args__ = (Index("ix_article_images_article", "article_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    storage_key: Mapped[str] = mapped_column(String(300))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str | None] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)

    article: Mapped[Article] = relationship(back_populates="images")


class Assignment(Base):
    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_assignee_open", "assignee_id", "state"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    tenant_id: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default="open")
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Approval(Base):
    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    revision_number: Mapped[int] = mapped_column(Integer)
    approver_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    approved: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS live_blogs (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   VARCHAR(32) NOT NULL,
    article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    is_open     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_live_blogs_article ON live_blogs (article_id);

CREATE TABLE IF NOT EXISTS live_entries (
    id          BIGSERIAL PRIMARY KEY,
    blog_id     BIGINT NOT NULL REFERENCES live_blogs(id) ON DELETE CASCADE,
    author_id   INTEGER NOT NULL,
    kind        VARCHAR(16) NOT NULL DEFAULT 'text',
    body        TEXT NOT NULL,
    pinned      BOOLEAN NOT NULL DEFAULT FALSE,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_live_entries_blog_created ON live_entries (blog_id, created_at DESC);

CREATE TABLE IF NOT EXISTS partners (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   VARCHAR(32) NOT NULL,
    slug        VARCHAR(64) NOT NULL,
    endpoint    TEXT NOT NULL,
    api_key     TEXT NOT NULL,
    format      VARCHAR(16) NOT NULL DEFAULT 'json',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (tenant_id, slug)
);

CREATE TABLE IF NOT EXISTS syndication_deliveries (
    id          BIGSERIAL PRIMARY KEY,
    partner_id  BIGINT NOT NULL REFERENCES partners(id),
    article_id  BIGINT NOT NULL,
    status      VARCHAR(16) NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_deliveries_article ON syndication_deliveries (article_id);

CREATE TABLE IF NOT EXISTS index_outbox (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   VARCHAR(32) NOT NULL,
    article_id  BIGINT NOT NULL,
    op          VARCHAR(8) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_index_outbox_pending ON index_outbox (id) WHERE processed_at IS NULL;

CREATE TABLE IF NOT EXISTS image_variants (
    id          BIGSERIAL PRIMARY KEY,
    image_id    BIGINT NOT NULL,
    width       INTEGER NOT NULL,
    storage_key TEXT NOT NULL,
    UNIQUE (image_id, width)
);
"""
