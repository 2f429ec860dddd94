from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin


class User(TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    institution: Mapped[str | None] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32), default="author", index=True)


class Authorship(Base):
    __tablename__ = "authorships"
    __table_args__ = (
        UniqueConstraint("submission_id", "user_id", name="uq_authorship"),
        Index("ix_authorships_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class PastCoauthorship(Base):
    """Co-authorships imported from DBLP, used for conflict-of-interest detection."""

    __tablename__ = "past_coauthorships"
    __table_args__ = (
        UniqueConstraint("user_a", "user_b", name="uq_past_coauthor_pair"),
        Index("ix_past_coauthor_b", "user_b"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_a: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user_b: Mapped[int] = mapped_column(ForeignKey("users.id"))
    last_year: Mapped[int] = mapped_column(Integer)
