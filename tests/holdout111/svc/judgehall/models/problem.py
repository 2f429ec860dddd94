from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from judgehall.db.base import Base, TimestampMixin


class Problem(TimestampMixin, Base):
    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), nullable=False)
    code: Mapped[str] = mapped_column(String(4), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    statement_key: Mapped[str | None] = mapped_column(String(255))
    checker: Mapped[str] = mapped_column(String(32), default="exact", nullable=False)
    time_limit_ms: Mapped[int] = mapped_column(Integer, default=2000, nullable=False)
    memory_limit_mb: Mapped[int] = mapped_column(Integer, default=256, nullable=False)
    solved_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    attempt_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    tests_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    tests: Mapped[list["TestCase"]] = relationship(
        back_populates="problem", lazy="raise", order_by="TestCase.ordinal"
    )

    __table_args__ = (
        UniqueConstraint("contest_id", "code", name="uq_problems_contest_code"),
    )


class TestCase(Base):
    __tablename__ = "test_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id", ondelete="CASCADE"), nullable=False)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    input_key: Mapped[str] = mapped_column(String(255), nullable=False)
    answer_key: Mapped[str] = mapped_column(String(255), nullable=False)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    weight: Mapped[int] = mapped_column(Integer, default=1, nullable=False)

    problem: Mapped[Problem] = relationship(back_populates="tests", lazy="raise")

    __table_args__ = (
        Index("ix_test_cases_problem_ordinal", "problem_id", "ordinal"),
    )
