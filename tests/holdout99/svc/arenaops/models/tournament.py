from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from arenaops.db.base import Base


class Tournament(Base):
    __tablename__ = "tournaments"
    __table_args__ = (
        Index("ix_tournaments_org_starts", "organizer_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    organizer_id: Mapped[int] = mapped_column(ForeignKey("organizers.id"))
    name: Mapped[str] = mapped_column(String(160))
    format: Mapped[str] = mapped_column(String(16))  # single, double, swiss
    max_teams: Mapped[int] = mapped_column(Integer, default=64)
    best_of: Mapped[int] = mapped_column(Integer, default=3)
    prize_pool_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="draft")


class Registration(Base):
    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("tournament_id", "team_id", name="uq_registrations"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournaments.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    seed: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Bracket(Base):
    __tablename__ = "brackets"
    __table_args__ = (
        Index("ix_brackets_tournament", "tournament_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournaments.id"))
    kind: Mapped[str] = mapped_column(String(16))  # upper, lower, swiss
    current_round: Mapped[int] = mapped_column(Integer, default=1)
    layout: Mapped[dict] = mapped_column(JSONB, default=dict)


class Match(Base):
    __tablename__ = "matches"
    __table_args__ = (
        Index("ix_matches_bracket_round", "bracket_id", "round_no"),
        Index("ix_matches_external", "external_id", unique=True),
        Index("ix_matches_status", "status"),
        Index("ix_matches_finished_at", "finished_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bracket_id: Mapped[int] = mapped_column(ForeignKey("brackets.id"))
    round_no: Mapped[int] = mapped_column(Integer)
    slot: Mapped[int] = mapped_column(Integer)
    team_a_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    team_b_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    score_a: Mapped[int] = mapped_column(Integer, default=0)
    score_b: Mapped[int] = mapped_column(Integer, default=0)
    winner_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    external_id: Mapped[str | None] = mapped_column(String(80))
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    check_in_opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    check_in_deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    team_a_checked_in: Mapped[bool] = mapped_column(default=False)
    team_b_checked_in: Mapped[bool] = mapped_column(default=False)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=0)
