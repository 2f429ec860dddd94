"""Usage records: a partial index holds only the unrated rows."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UsageRecord(Base):
    __tablename__ = "usage_records"
    __table_args__ = (
        Index("ix_usage_subscriber_started", "subscriber_id", "started_at"),
        Index("ix_usage_unrated", "started_at", postgresql_where="rated = false"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column()
    partner: Mapped[str] = mapped_column(String(6))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rated: Mapped[bool] = mapped_column(Boolean, default=False)
