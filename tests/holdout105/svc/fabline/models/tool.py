"""Equipment (tools) and their E10 states."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fabline.models.base import Base, TimestampMixin

E10_STATES = ("PRODUCTIVE", "STANDBY", "ENGINEERING", "SCHEDULED_DOWN", "UNSCHEDULED_DOWN", "NON_SCHEDULED")


class Tool(TimestampMixin, Base):
    __tablename__ = "tools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    tool_type: Mapped[str] = mapped_column(String(32), index=True)
    bay: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(24), index=True, default="STANDBY")
    state_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    active_recipe: Mapped[str | None] = mapped_column(String(64))
    chambers: Mapped[int] = mapped_column(Integer, default=1)

    @property
    def available(self) -> bool:
        return self.state in ("PRODUCTIVE", "STANDBY")

    def __repr__(self) -> str:
        return f"<Tool {self.name} {self.tool_type} {self.state}>"
