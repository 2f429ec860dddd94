from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from apron.models.base import Base, TimestampMixin

TASK_KINDS = ("FUEL", "CATERING", "CLEANING", "PUSHBACK", "BAGGAGE_LOAD")


class TurnaroundTask(TimestampMixin, Base):
    __tablename__ = "turnaround_tasks"
    __table_args__ = (Index("ix_tasks_status_deadline", "status", "deadline_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), default="OPEN")
    deadline_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    breach_notified: Mapped[bool] = mapped_column(default=False)
