from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from lexdesk.infra.db import Base


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id"))
    filename: Mapped[str] = mapped_column(String(400))
    content_type: Mapped[str] = mapped_column(String(120))
    storage_key: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int | None] = mapped_column(Integer)
    ocr_status: Mapped[str] = mapped_column(String(16), default="pending")
    ocr_text: Mapped[str | None] = deferred(mapped_column(Text))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # ocr_tsv (generated tsvector) and its GIN index are added in sql/0002_search.sql
    __table_args__ = (
        Index("ix_documents_matter_uploaded", "matter_id", "uploaded_at"),
        Index("ix_documents_matter_ocr_status", "matter_id", "ocr_status"),
    )


class Filing(Base):
    __tablename__ = "filings"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    court_code: Mapped[str] = mapped_column(String(32))
    case_number: Mapped[str | None] = mapped_column(String(64))
    filing_type: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    provider_ref: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(24), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("firm_id", "idempotency_key", name="uq_filings_firm_idempotency"),
        Index("ix_filings_status_polled", "status", "last_polled_at"),
        Index("ix_filings_matter_id", "matter_id"),
    )


class Deadline(Base):
    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    firm_id: Mapped[int] = mapped_column(BigInteger)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id"))
    title: Mapped[str] = mapped_column(String(300))
    court_code: Mapped[str] = mapped_column(String(32))
    rule_ref: Mapped[str | None] = mapped_column(String(64))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="open")
    assigned_to: Mapped[int] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        Index("ix_deadlines_status_due", "status", "due_at"),
        Index("ix_deadlines_matter_due", "matter_id", "due_at"),
    )


class Reminder(Base):
    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(16))
    remind_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    abandoned: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        Index("ix_reminders_deadline_id", "deadline_id"),
        Index("ix_reminders_pending", "remind_at", postgresql_where=text("sent_at IS NULL AND NOT abandoned")),
    )
