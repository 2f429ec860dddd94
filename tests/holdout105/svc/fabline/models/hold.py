"""Lot holds (engineering, quality, SPC)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from fabline.models.base import Base


class Hold(Base):
    __tablename__ = "holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id", ondelete="CASCADE"), index=True)
    reason_code: Mapped[str] = mapped_column(String(16), index=True)
    comment: Mapped[str] = mapped_column(String(512), default="")
    placed_by: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    released_by: Mapped[str | None] = mapped_column(String(64))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def active(self) -> bool:
        return self.released_at is None

    def __repr__(self) -> str:
        state = "active" if self.active else "released"
        return f"<Hold {self.id} lot={self.lot_id} {self.reason_code} {state}>"
