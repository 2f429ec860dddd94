"""Matches between two users and the chat messages inside them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Match(Base):
    __tablename__ = "matches"
    __table_args__ = (
        Index("ix_matches_pair", "user_low", "user_high"),
        Index("ix_matches_high", "user_high"),
        Index("ix_matches_last_message", "last_message_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_low: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    user_high: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_message_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unmatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def peer_of(self, user_id: int) -> int:
        return self.user_high if user_id == self.user_low else self.user_low

    def has_member(self, user_id: int) -> bool:
        return user_id in (self.user_low, self.user_high)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("match_id", "client_id", name="uq_messages_client"),
        Index("ix_messages_match_id", "match_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
