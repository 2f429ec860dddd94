from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from seqcore.db.base import Base


class Lab(Base):
    __tablename__ = "labs"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    pi_email: Mapped[str] = mapped_column(String(200))
    default_grant_code: Mapped[str | None] = mapped_column(String(40))
    delivery_bucket: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("name"),)


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    lab_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("labs.id"))
    filename: Mapped[str] = mapped_column(String(255))
    checksum: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        Index("ix_submissions_lab_created", "lab_id", "created_at"),
        UniqueConstraint("lab_id", "checksum"),
    )


class Library(Base):
    __tablename__ = "libraries"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    pool_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pools.id"))
    prep_kit: Mapped[str] = mapped_column(String(80))
    concentration_nm: Mapped[float | None] = mapped_column(Float)
    fragment_bp: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_libraries_pool_id", "pool_id"),)


class Sample(Base):
    __tablename__ = "samples"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("submissions.id"))
    lab_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("labs.id"))
    library_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("libraries.id"))
    pool_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pools.id"))
    name: Mapped[str] = mapped_column(String(120))
    index_i7: Mapped[str] = mapped_column(String(24))
    index_i5: Mapped[str | None] = mapped_column(String(24))
    organism: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(24), default="received")
    read_count: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    library = relationship("Library", lazy="raise")

    __table_args__ = (
        Index("ix_samples_lab_status", "lab_id", "status"),
        Index("ix_samples_pool_id", "pool_id"),
        Index("ix_samples_submission_id", "submission_id"),
    )


class Pool(Base):
    __tablename__ = "pools"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id"))
    lane: Mapped[int | None] = mapped_column(Integer)
    volume_ul: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(24), default="open")

    __table_args__ = (Index("ix_pools_run_lane", "run_id", "lane"),)


class Run(Base):
    __tablename__ = "runs"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    run_number: Mapped[int] = mapped_column(Integer)
    instrument_id: Mapped[str] = mapped_column(String(40))
    flowcell_id: Mapped[str] = mapped_column(String(40))
    run_type: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(24), default="registered")
    run_folder: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_runs_instrument_number", "instrument_id", "run_number"),
        Index("ix_runs_completed_at", "completed_at"),
        Index("ix_runs_status", "status"),
    )


class PipelineJob(Base):
    __tablename__ = "pipeline_jobs"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id"))
    pipeline: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(24), default="queued")
    scheduler_job_id: Mapped[str | None] = mapped_column(String(64))
    params: Mapped[dict] = mapped_column(JSONB, default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_pipeline_jobs_run_id", "run_id"),
        Index("ix_pipeline_jobs_status", "status"),
    )


class Delivery(Base):
    __tablename__ = "deliveries"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    lab_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("labs.id"))
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id"))
    bucket: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_deliveries_lab_id", "lab_id"),
        Index("ix_deliveries_expires_at", "expires_at", postgresql_where="purged_at IS NULL"),
    )


class UsageCharge(Base):
    __tablename__ = "usage_charges"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    sample_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("samples.id"))
    lab_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("labs.id"))
    grant_code: Mapped[str] = mapped_column(String(40))
    amount_cents: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(255))
    posted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finance_ref: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_usage_charges_lab_posted", "lab_id", "posted_at"),
        UniqueConstraint("sample_id", "description"),
    )
