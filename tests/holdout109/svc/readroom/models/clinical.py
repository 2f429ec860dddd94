from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from readroom.db.engine import Base


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mrn: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    family_name: Mapped[str] = mapped_column(String(120))
    given_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    orders: Mapped[list["ImagingOrder"]] = relationship(back_populates="patient")


class ImagingOrder(Base):
    __tablename__ = "imaging_orders"
    __table_args__ = (
        Index("ix_orders_status_scheduled", "status", "scheduled_at"),
        Index("ix_orders_modality_station", "modality", "station_aet"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    accession_number: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    placer_order_number: Mapped[str] = mapped_column(String(64))
    filler_order_number: Mapped[str | None] = mapped_column(String(64))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("referrers.id"), index=True)
    modality: Mapped[str] = mapped_column(String(8))
    procedure_code: Mapped[str] = mapped_column(String(32))
    procedure_description: Mapped[str] = mapped_column(String(255))
    body_part: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[str] = mapped_column(String(8), default="ROUTINE")
    station_aet: Mapped[str | None] = mapped_column(String(16))
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="SCHEDULED")
    clinical_history: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    patient: Mapped[Patient] = relationship(back_populates="orders")


class WorklistEntry(Base):
    """Modality worklist item published to scanners (DICOM MWL SCP reads this table)."""

    __tablename__ = "worklist_entries"
    __table_args__ = (Index("ix_mwl_station_start", "station_aet", "scheduled_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("imaging_orders.id"), unique=True)
    accession_number: Mapped[str] = mapped_column(String(32), index=True)
    station_aet: Mapped[str] = mapped_column(String(16))
    modality: Mapped[str] = mapped_column(String(8))
    scheduled_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    requested_procedure_id: Mapped[str] = mapped_column(String(16))
    scheduled_step_id: Mapped[str] = mapped_column(String(16))
    patient_name: Mapped[str] = mapped_column(String(255))
    patient_mrn: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="SCHEDULED")


class Study(Base):
    __tablename__ = "studies"
    __table_args__ = (Index("ix_studies_patient_date", "patient_id", "study_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_instance_uid: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    accession_number: Mapped[str] = mapped_column(String(32), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("imaging_orders.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    patient_name: Mapped[str] = mapped_column(String(255))
    modality: Mapped[str] = mapped_column(String(8))
    study_date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    description: Mapped[str | None] = mapped_column(String(255))
    body_part: Mapped[str | None] = mapped_column(String(64))
    num_series: Mapped[int] = mapped_column(Integer, default=0)
    num_instances: Mapped[int] = mapped_column(Integer, default=0)
    metadata_json: Mapped[dict] = mapped_column(JSON, default=dict)
    thumbnail_path: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="RECEIVED", index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    assignment = relationship("ReadingAssignment", back_populates="study", uselist=False)


class PriorFetchJob(Base):
    __tablename__ = "prior_fetch_jobs"
    __table_args__ = (Index("ix_prior_jobs_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id"), index=True)
    prior_study_uid: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="PENDING")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_error: Mapped[str | None] = mapped_column(String(500))


class ReadingAssignment(Base):
    __tablename__ = "reading_assignments"
    __table_args__ = (
        Index("ix_assign_status_priority", "status", "priority_rank", "queued_at"),
        Index("ix_assign_claimed_by", "claimed_by"),
        Index("ix_assign_subspecialty", "subspecialty", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("studies.id"), unique=True)
    subspecialty: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(8))
    priority_rank: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="UNREAD")
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    study = relationship("Study", back_populates="assignment")
