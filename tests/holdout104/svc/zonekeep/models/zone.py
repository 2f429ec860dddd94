from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zonekeep.models.base import Base, TimestampMixin


class Zone(TimestampMixin, Base):
    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(253), unique=True)
    serial: Mapped[int] = mapped_column(BigInteger, default=1)
    dnssec_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    pushed_serial: Mapped[int] = mapped_column(BigInteger, default=0)

    domain = relationship("Domain", back_populates="zone")
    records: Mapped[list["Record"]] = relationship(back_populates="zone", cascade="all, delete-orphan")


class Record(TimestampMixin, Base):
    __tablename__ = "records"
    __table_args__ = (Index("ix_records_zone_name_type", "zone_id", "name", "rtype"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(253))
    rtype: Mapped[str] = mapped_column(String(10))
    ttl: Mapped[int] = mapped_column(Integer, default=3600)
    content: Mapped[str] = mapped_column(Text)
    priority: Mapped[int | None] = mapped_column(Integer, nullable=True)

    zone: Mapped[Zone] = relationship(back_populates="records")


class DnsKey(TimestampMixin, Base):
    __tablename__ = "dns_keys"
    __table_args__ = (Index("ix_dns_keys_zone_state", "zone_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"))
    key_tag: Mapped[int] = mapped_column(Integer)
    flags: Mapped[int] = mapped_column(Integer)  # 256 = ZSK, 257 = KSK
    algorithm: Mapped[int] = mapped_column(Integer, default=13)
    public_key: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="published")
    retire_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PushJob(Base):
    __tablename__ = "push_jobs"
    __table_args__ = (Index("ix_push_jobs_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), index=True)
    node: Mapped[str] = mapped_column(String(200))
    serial: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
