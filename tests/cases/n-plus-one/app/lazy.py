"""Sync SQLAlchemy relationships read in loops: lazy ones, and eager look-alikes."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    members: Mapped[list["Member"]] = relationship(back_populates="team")
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    owner: Mapped["Person"] = relationship()


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200))


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Team] = relationship(back_populates="members")
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    person: Mapped[Person] = relationship(lazy="selectin")
    badges: Mapped[list["Badge"]] = relationship()


class Badge(Base):
    __tablename__ = "badges"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))


def all_teams(session: Session) -> list[Team]:
    return list(session.scalars(select(Team)))


def owner_emails(session: Session) -> list[str]:
    emails = []
    for team in all_teams(session):
        emails.append(team.owner.email)  # expect: n-plus-one
    return emails


def member_emails(team: Team) -> list[str]:
    return [member.person.email for member in team.members]


def badge_counts(team: Team) -> dict[int, int]:
    counts = {}
    for member in team.members:
        counts[member.id] = len(member.badges)  # expect: n-plus-one
    return counts


def badge_counts_loaded(session: Session) -> dict[int, int]:
    members = session.scalars(select(Member).options(selectinload(Member.badges))).all()
    counts = {}
    for member in members:
        counts[member.id] = len(member.badges)
    return counts


def team_names(session: Session) -> list[str]:
    return [team.name for team in all_teams(session)]
