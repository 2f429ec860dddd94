"""Audit trail and webhook tables, queried through chains split over several lines."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.models import Base


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Webhook(Base):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def by_actor(session: Session, actor: str) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.actor == actor)  # expect: missing-index
        .order_by(AuditEntry.created_at.desc())
        .limit(100)
    )
    return list(session.scalars(stmt))


def recent(session: Session, since: datetime) -> list[AuditEntry]:
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.created_at >= since)
        .order_by(AuditEntry.created_at)
        .limit(100)
    )
    return list(session.scalars(stmt))


def webhook_for(session: Session, url: str) -> Webhook | None:
    return (
        session.query(Webhook)
        .filter_by(url=url)  # expect: missing-index
        .first()
    )


def webhook_by_secret(session: Session, secret: str) -> Webhook | None:
    return (
        session.query(Webhook)
        .filter(Webhook.secret == secret)
        .first()
    )
