from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Subject(Base):
    __tablename__ = "subjects"
    __table_args__ = (
        UniqueConstraint("site_id", "screening_number", name="uq_subjects_site_screening"),
        Index("ix_subjects_study_status", "study_id", "status"),
        Index("ix_subjects_site_status", "site_id", "status"),
        Index("ix_subjects_subject_number", "subject_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id"))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    screening_number: Mapped[str] = mapped_column(String(16))
    subject_number: Mapped[str | None] = mapped_column(String(16))
    initials: Mapped[str] = mapped_column(String(4))
    birth_year: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(1))
    status: Mapped[str] = mapped_column(String(16), default="screening")
    screened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    arm: Mapped[str | None] = mapped_column(String(8))
    stratum: Mapped[str | None] = mapped_column(String(32))
    consent_envelope_id: Mapped[str | None] = mapped_column(String(64), unique=True)


class Randomisation(Base):
    __tablename__ = "randomisations"
    __table_args__ = (
        UniqueConstraint("subject_id", name="uq_randomisations_subject"),
        Index("ix_randomisations_study_stratum", "study_id", "stratum", "slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id"))
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id"))
    stratum: Mapped[str] = mapped_column(String(32))
    slot: Mapped[int] = mapped_column(Integer)
    arm: Mapped[str] = mapped_column(String(8))
    irt_reference: Mapped[str | None] = mapped_column(String(64))
    allocated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
