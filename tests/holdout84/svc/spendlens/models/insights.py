from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ARRAY, Date, DateTime, Float, ForeignKey, Index, Numeric, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin


class Anomaly(Base):
    __tablename__ = "anomalies"
    __table_args__ = (
        Index("ix_anomalies_tenant_day", "tenant_id", "day"),
        Index("ix_anomalies_tenant_status", "tenant_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("cloud_accounts.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(String(128))
    day: Mapped[date] = mapped_column(Date)
    observed: Mapped[Decimal] = mapped_column(Numeric(18, 6))
    expected: Mapped[Decimal] = mapped_column(Numeric(18, 6))
    zscore: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="open")


class Recommendation(TimestampMixin, Base):
    __tablename__ = "recommendations"
    __table_args__ = (
        Index("ix_recommendations_tenant_created", "tenant_id", "created_at"),
        Index("ix_recommendations_account", "account_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("cloud_accounts.id", ondelete="CASCADE"))
    resource_id: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(32))
    current_type: Mapped[str] = mapped_column(String(64))
    suggested_type: Mapped[str] = mapped_column(String(64))
    monthly_savings: Mapped[Decimal] = mapped_column(Numeric(18, 2))


class TagPolicy(TimestampMixin, Base):
    __tablename__ = "tag_policies"
    __table_args__ = (Index("ix_tag_policies_tenant", "tenant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    required_keys: Mapped[list[str]] = mapped_column(ARRAY(String))
    allowed_values: Mapped[dict] = mapped_column(JSONB, default=dict)

    violations: Mapped[list["TagViolation"]] = relationship(back_populates="policy")


class TagViolation(Base):
    __tablename__ = "tag_violations"
    __table_args__ = (Index("ix_tag_violations_tenant_policy", "tenant_id", "policy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    policy_id: Mapped[int] = mapped_column(ForeignKey("tag_policies.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("cloud_accounts.id", ondelete="CASCADE"))
    resource_id: Mapped[str] = mapped_column(String(512))
    missing_keys: Mapped[list[str]] = mapped_column(ARRAY(String))
    detected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    policy: Mapped[TagPolicy] = relationship(back_populates="violations")
