from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from telco.models.base import Base, TimestampMixin


class RoamingPartner(Base):
    __tablename__ = "roaming_partners"

    plmn: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    voice_sdr_per_min: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    data_sdr_per_mb: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    sms_sdr: Mapped[Decimal] = mapped_column(Numeric(10, 4))


class SettlementFile(TimestampMixin, Base):
    __tablename__ = "settlement_files"
    __table_args__ = (
        UniqueConstraint("partner_plmn", "period", name="uq_settlement_partner_period"),
        Index("ix_settlement_files_status", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    partner_plmn: Mapped[str] = mapped_column(String(6))
    period: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    checksum: Mapped[str | None] = mapped_column(String(64), nullable=True)
    receipt: Mapped[str | None] = mapped_column(String(64), nullable=True)
