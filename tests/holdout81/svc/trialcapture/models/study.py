from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base


class Study(Base):
    __tablename__ = "studies"
    __table_args__ = (UniqueConstraint("protocol_code", name="uq_studies_protocol_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    protocol_code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    phase: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="setup")
    enrolment_target: Mapped[int] = mapped_column(Integer, default=0)
    randomisation_block_size: Mapped[int] = mapped_column(Integer, default=4)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sites: Mapped[list["Site"]] = relationship(back_populates="study", lazy="raise")


class Site(Base):
    __tablename__ = "sites"
    __table_args__ = (
        UniqueConstraint("study_id", "site_number", name="uq_sites_study_number"),
        Index("ix_sites_country", "country"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id"))
    site_number: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    enrolment_cap: Mapped[int] = mapped_column(Integer, default=20)
    screening_cap: Mapped[int] = mapped_column(Integer, default=60)
    last_subject_seq: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    study: Mapped[Study] = relationship(back_populates="sites", lazy="raise")
    investigators: Mapped[list["Investigator"]] = relationship(back_populates="site", lazy="raise")


class Investigator(Base):
    __tablename__ = "investigators"
    __table_args__ = (Index("ix_investigators_site_id", "site_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    user_id: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32), default="sub_investigator")

    site: Mapped[Site] = relationship(back_populates="investigators", lazy="raise")
