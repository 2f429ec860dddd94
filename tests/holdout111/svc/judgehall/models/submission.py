from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from judgehall.db.base import Base, TimestampMixin, utcnow


class SubmissionStatus(str, enum.Enum):
    QUEUED = "queued"
    DISPATCHED = "dispatched"
    RUNNING = "running"
    JUDGED = "judged"
    FAILED = "failed"


class Verdict(str, enum.Enum):
    ACCEPTED = "AC"
    WRONG_ANSWER = "WA"
    TIME_LIMIT = "TLE"
    MEMORY_LIMIT = "MLE"
    RUNTIME_ERROR = "RE"
    COMPILATION_ERROR = "CE"
    PRESENTATION_ERROR = "PE"
    SYSTEM_ERROR = "SE"


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), nullable=False)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"), nullable=False)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    language: Mapped[str] = mapped_column(String(16), nullable=False)
    source_key: Mapped[str] = mapped_column(String(255), nullable=False)
    source_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    source_size: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[SubmissionStatus] = mapped_column(
        Enum(SubmissionStatus, name="submission_status"), default=SubmissionStatus.QUEUED, nullable=False
    )
    verdict: Mapped[Verdict | None] = mapped_column(Enum(Verdict, name="verdict"))
    judge_job_id: Mapped[str | None] = mapped_column(String(64))
    failed_test: Mapped[int | None] = mapped_column(Integer)
    time_ms: Mapped[int | None] = mapped_column(Integer)
    memory_kb: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    judged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        verdict = self.verdict.value if self.verdict else "-"
        return f"<Submission {self.id} p={self.problem_id} {self.status.value} {verdict}>"

    @property
    def is_final(self) -> bool:
        return self.status in (SubmissionStatus.JUDGED, SubmissionStatus.FAILED)

    __table_args__ = (
        Index("ix_submissions_contest_team", "contest_id", "team_id"),
        Index("ix_submissions_contest_problem", "contest_id", "problem_id"),
        Index("ix_submissions_user_submitted", "user_id", "submitted_at"),
        Index("ix_submissions_status_id", "status", "id"),
    )


class TestResult(Base):
    __tablename__ = "test_results"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False)
    test_case_id: Mapped[int] = mapped_column(ForeignKey("test_cases.id"), nullable=False)
    verdict: Mapped[Verdict] = mapped_column(Enum(Verdict, name="verdict"), nullable=False)
    time_ms: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    memory_kb: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    checker_message: Mapped[str | None] = mapped_column(String(512))


class PlagiarismReport(TimestampMixin, Base):
    __tablename__ = "plagiarism_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), nullable=False)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"), nullable=False)
    submission_a: Mapped[int] = mapped_column(BigInteger, ForeignKey("submissions.id"), nullable=False)
    submission_b: Mapped[int] = mapped_column(BigInteger, ForeignKey("submissions.id"), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    status: Mapped[str] = mapped_column(String(16), default="open", nullable=False)

    __table_args__ = (Index("ix_plagiarism_reports_contest_problem", "contest_id", "problem_id"),)
