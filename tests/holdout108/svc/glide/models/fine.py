from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from glide.db.base import Base, TimestampMixin


class FineStatus(str, enum.Enum):
    ISSUED = "issued"
    PAID = "paid"
    DISPUTED = "disputed"
    WAIVED = "waived"


class Fine(TimestampMixin, Base):
    __tablename__ = "fines"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    rider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("riders.id"))
    ride_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("rides.id"))
    kind: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[FineStatus] = mapped_column(Enum(FineStatus), default=FineStatus.ISSUED)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_fines_status_due", "status", "due_at"),
        Index("ix_fines_ride_kind", "ride_id", "kind"),
    )


class DamageReport(TimestampMixin, Base):
    __tablename__ = "damage_reports"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id"), index=True)
    reporter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("riders.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    photo_key: Mapped[str | None] = mapped_column(String(256))
    thumbnail_key: Mapped[str | None] = mapped_column(String(256))
    severity: Mapped[str] = mapped_column(String(16), default="minor")
