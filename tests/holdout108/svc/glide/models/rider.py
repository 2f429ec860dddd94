from __future__ import annotations

import enum
import uuid

from sqlalchemy import Enum, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from glide.db.base import Base, TimestampMixin


class RiderStatus(str, enum.Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    DELETED = "deleted"


class Rider(TimestampMixin, Base):
    __tablename__ = "riders"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    phone: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    status: Mapped[RiderStatus] = mapped_column(Enum(RiderStatus), default=RiderStatus.ACTIVE)
    city_id: Mapped[int] = mapped_column(index=True)
    locale: Mapped[str] = mapped_column(String(8), default="en")
    auto_reload_threshold_cents: Mapped[int | None] = mapped_column(Integer)
    auto_reload_amount_cents: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_riders_email_lower", "email"),)
