from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, Enum, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from glide.db.base import Base, TimestampMixin, utcnow


class RideStatus(str, enum.Enum):
    ACTIVE = "active"
    ENDED = "ended"
    PAID = "paid"
    PAYMENT_FAILED = "payment_failed"


class Ride(TimestampMixin, Base):
    __tablename__ = "rides"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    rider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("riders.id"))
    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id"))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"))
    status: Mapped[RideStatus] = mapped_column(Enum(RideStatus), default=RideStatus.ACTIVE)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    start_lat: Mapped[float] = mapped_column(Float)
    start_lon: Mapped[float] = mapped_column(Float)
    end_lat: Mapped[float | None] = mapped_column(Float)
    end_lon: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[int] = mapped_column(Integer, default=0)
    fare_cents: Mapped[int | None] = mapped_column(BigInteger)
    settled: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        Index("ix_rides_rider_started", "rider_id", "started_at"),
        Index("ix_rides_status_started", "status", "started_at"),
        Index("ix_rides_settled_ended", "settled", "ended_at"),
    )


class SettlementBatch(Base):
    __tablename__ = "settlement_batches"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    business_date: Mapped[date] = mapped_column(Date, unique=True)
    total_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    ride_count: Mapped[int] = mapped_column(default=0)
    payout_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SettlementLine(Base):
    __tablename__ = "settlement_lines"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("settlement_batches.id"), index=True)
    ride_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rides.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (UniqueConstraint("ride_id", name="uq_settlement_lines_ride"),)
