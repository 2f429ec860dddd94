from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Enum, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from judgehall.db.base import Base, TimestampMixin


class ContestStatus(str, enum.Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    FINISHED = "finished"
    ARCHIVED = "archived"


class Contest(TimestampMixin, Base):
    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ContestStatus] = mapped_column(
        Enum(ContestStatus, name="contest_status"), default=ContestStatus.DRAFT, nullable=False
    )
    start_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    end_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    freeze_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    unfrozen: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    penalty_minutes: Mapped[int] = mapped_column(Integer, default=20, nullable=False)
    team_mode: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    rated: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    rating_applied: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    reminder_sent: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    def __repr__(self) -> str:
        return f"<Contest {self.id} {self.slug} {self.status.value}>"

    @property
    def duration_minutes(self) -> int:
        return int((self.end_at - self.start_at).total_seconds() // 60)

    __table_args__ = (
        Index("ix_contests_status_start_at", "status", "start_at"),
        Index("ix_contests_end_at", "end_at"),
    )


class ContestRegistration(TimestampMixin, Base):
    __tablename__ = "contest_registrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    official: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)

    __table_args__ = (
        Index("ix_contest_registrations_contest_user", "contest_id", "user_id"),
    )


class ClarificationStatus(str, enum.Enum):
    PENDING = "pending"
    ANSWERED = "answered"
    DISMISSED = "dismissed"


class Clarification(TimestampMixin, Base):
    __tablename__ = "clarifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), nullable=False)
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("problems.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    question: Mapped[str] = mapped_column(Text, nullable=False)
    answer: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ClarificationStatus] = mapped_column(
        Enum(ClarificationStatus, name="clarification_status"),
        default=ClarificationStatus.PENDING,
        nullable=False,
    )
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    __table_args__ = (Index("ix_clarifications_contest_created", "contest_id", "created_at"),)
