from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin


class AccessGrant(TimestampMixin, Base):
    """A member's right to open one door, mirrored to the lock vendor's cloud."""

    __tablename__ = "access_grants"
    __table_args__ = (
        UniqueConstraint("member_id", "door_id", name="uq_access_grants_member_door"),
        Index("ix_access_grants_sync_pending", "sync_state", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    door_id: Mapped[int] = mapped_column(ForeignKey("doors.id"))
    valid_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    valid_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # pending -> synced; revoking -> revoked; error after repeated vendor failures
    sync_state: Mapped[str] = mapped_column(String(16), default="pending")
    vendor_grant_id: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class Visitor(TimestampMixin, Base):
    __tablename__ = "visitors"
    __table_args__ = (
        Index("ix_visitors_location_expected", "location_id", "expected_at"),
        Index("ix_visitors_host", "host_member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    host_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    company: Mapped[str | None] = mapped_column(String(200))
    expected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    badge_number: Mapped[str | None] = mapped_column(String(16))
