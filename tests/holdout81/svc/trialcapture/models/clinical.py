from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_subject_id", "subject_id"),
        Index("ix_visits_scheduled_at", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id"))
    visit_code: Mapped[str] = mapped_column(String(16))
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    window_start: Mapped[date] = mapped_column(Date)
    window_end: Mapped[date] = mapped_column(Date)
    actual_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")


class FormSubmission(Base):
    __tablename__ = "form_submissions"
    __table_args__ = (
        Index("ix_form_submissions_visit_id", "visit_id"),
        Index("ix_form_submissions_subject_form", "subject_id", "form_code", "version", unique=True),
        Index("ix_form_submissions_study_status", "study_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id"))
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id"))
    form_code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked: Mapped[bool] = mapped_column(Boolean, default=False)


class FieldValue(Base):
    __tablename__ = "field_values"
    __table_args__ = (Index("ix_field_values_submission_id", "submission_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("form_submissions.id"))
    field_code: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(16))
