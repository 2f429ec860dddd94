"""Statistical process control: charts, points and alarms."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from fabline.models.base import Base


class SpcChart(Base):
    __tablename__ = "spc_charts"

    id: Mapped[int] = mapped_column(primary_key=True)
    parameter: Mapped[str] = mapped_column(String(64))
    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"), index=True)
    chart_type: Mapped[str] = mapped_column(String(16))  # XBAR_R | EWMA | CUSUM
    center: Mapped[float] = mapped_column(Float)
    sigma: Mapped[float] = mapped_column(Float)
    lambda_: Mapped[float] = mapped_column("lambda", Float, default=0.2)
    subgroup: Mapped[int] = mapped_column(Integer, default=5)


class SpcPoint(Base):
    __tablename__ = "spc_points"
    __table_args__ = (Index("ix_spc_points_chart_measured", "chart_id", "measured_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chart_id: Mapped[int] = mapped_column(ForeignKey("spc_charts.id", ondelete="CASCADE"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    value: Mapped[float] = mapped_column(Float)
    measured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SpcAlarm(Base):
    __tablename__ = "spc_alarms"

    id: Mapped[int] = mapped_column(primary_key=True)
    chart_id: Mapped[int] = mapped_column(ForeignKey("spc_charts.id"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="OPEN")
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
