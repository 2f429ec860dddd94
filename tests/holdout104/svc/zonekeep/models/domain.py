from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zonekeep.models.base import Base, TimestampMixin


class Domain(TimestampMixin, Base):
    __tablename__ = "domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(253), unique=True, index=True)
    tld: Mapped[str] = mapped_column(String(63))
    status: Mapped[str] = mapped_column(String(24), default="active", index=True)
    registry_roid: Mapped[str | None] = mapped_column(String(89), nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=True)
    transfer_lock: Mapped[bool] = mapped_column(Boolean, default=True)
    auth_code_hash: Mapped[str | None] = mapped_column(String(128), nullable=True)
    auth_code_salt: Mapped[bytes | None] = mapped_column(nullable=True)

    zone: Mapped["Zone | None"] = relationship("Zone", back_populates="domain", uselist=False)


class TldPrice(Base):
    __tablename__ = "tld_prices"
    __table_args__ = (UniqueConstraint("tld", "operation", name="uq_tld_prices_tld_op"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tld: Mapped[str] = mapped_column(String(63))
    operation: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class ReminderLog(Base):
    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("domain_id", "days_before", "expires_at", name="uq_reminder_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"))
    days_before: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
