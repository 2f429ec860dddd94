from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arenaops.db.base import Base


class Organizer(Base):
    __tablename__ = "organizers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (
        UniqueConstraint("organizer_id", "tag", name="uq_teams_org_tag"),
        Index("ix_teams_rating", "rating"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    organizer_id: Mapped[int] = mapped_column(ForeignKey("organizers.id"))
    name: Mapped[str] = mapped_column(String(120))
    tag: Mapped[str] = mapped_column(String(12))
    region: Mapped[str] = mapped_column(String(8))
    rating: Mapped[int] = mapped_column(default=1500)
    members: Mapped[list[TeamMember]] = relationship(back_populates="team")


class Player(Base):
    __tablename__ = "players"
    __table_args__ = (
        Index("ix_players_puuid", "puuid", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    handle: Mapped[str] = mapped_column(String(64))
    puuid: Mapped[str | None] = mapped_column(String(80))
    publisher_rank: Mapped[str | None] = mapped_column(String(32))
    refresh_token: Mapped[str | None] = mapped_column(String(512))
    linked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TeamMember(Base):
    __tablename__ = "team_members"
    __table_args__ = (
        UniqueConstraint("team_id", "player_id", name="uq_team_members"),
        Index("ix_team_members_player", "player_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"))
    role: Mapped[str] = mapped_column(String(16), default="player")
    team: Mapped[Team] = relationship(back_populates="members")
    player: Mapped[Player] = relationship()
