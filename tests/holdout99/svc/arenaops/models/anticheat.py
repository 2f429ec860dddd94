from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from arenaops.db.base import Base


class AntiCheatReport(Base):
    __tablename__ = "anticheat_reports"
    __table_args__ = (
        Index("ix_anticheat_vendor_ref", "vendor_ref", unique=True),
        Index("ix_anticheat_player_created", "player_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    vendor_ref: Mapped[str] = mapped_column(String(80))
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"))
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id"))
    severity: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16), default="pending")
    payload: Mapped[dict] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
