from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CostLineItem(Base):
    __tablename__ = "cost_line_items"
    __table_args__ = (
        Index("ix_cost_line_items_tenant_date", "tenant_id", "usage_date"),
        Index("ix_cost_line_items_account_date", "account_id", "usage_date"),
        UniqueConstraint("account_id", "usage_date", "line_hash", name="uq_cost_line_items_line"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("cloud_accounts.id", ondelete="CASCADE"))
    usage_date: Mapped[date] = mapped_column(Date)
    service: Mapped[str] = mapped_column(String(128))
    sku: Mapped[str] = mapped_column(String(256))
    resource_id: Mapped[str] = mapped_column(String(512), default="")
    region: Mapped[str] = mapped_column(String(64), default="global")
    tags: Mapped[dict] = mapped_column(JSONB, default=dict)
    cost: Mapped[Decimal] = mapped_column(Numeric(18, 6))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    usage_amount: Mapped[Decimal] = mapped_column(Numeric(24, 6), default=0)
    usage_unit: Mapped[str] = mapped_column(String(32), default="")
    line_hash: Mapped[str] = mapped_column(String(64))


class DailyCost(Base):
    """Per-day rollup, rebuilt after each ingestion run."""

    __tablename__ = "daily_costs"

    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("cloud_accounts.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(128), primary_key=True)
    total: Mapped[Decimal] = mapped_column(Numeric(18, 6))
