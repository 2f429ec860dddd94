from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, DateTime, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin


class Application(TimestampMixin, Base):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_officer_status", "loan_officer_id", "status"),
        Index("ix_applications_loan_number", "loan_number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    loan_number: Mapped[str] = mapped_column(String(20))
    loan_officer_id: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(24), default="started")
    loan_purpose: Mapped[str] = mapped_column(String(16))
    loan_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    property_value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    property_state: Mapped[str] = mapped_column(String(2))
    occupancy: Mapped[str] = mapped_column(String(16), default="primary")
    product_code: Mapped[str | None] = mapped_column(String(32), nullable=True)

    borrowers: Mapped[list["Borrower"]] = relationship(back_populates="application")


class Borrower(TimestampMixin, Base):
    __tablename__ = "borrowers"
    __table_args__ = (Index("ix_borrowers_application_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(12), default="primary")
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    ssn_token: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(255))
    monthly_income: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=0)
    aggregator_link_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    application: Mapped[Application] = relationship(back_populates="borrowers")


class CreditReport(TimestampMixin, Base):
    __tablename__ = "credit_reports"
    __table_args__ = (Index("ix_credit_reports_borrower_pulled", "borrower_id", "pulled_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    borrower_id: Mapped[int] = mapped_column(ForeignKey("borrowers.id", ondelete="CASCADE"))
    bureau_reference: Mapped[str] = mapped_column(String(64))
    pulled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    experian_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    equifax_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    transunion_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    raw: Mapped[dict] = mapped_column(JSONB, default=dict)


class Liability(Base):
    __tablename__ = "liabilities"
    __table_args__ = (Index("ix_liabilities_report_id", "credit_report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    credit_report_id: Mapped[int] = mapped_column(ForeignKey("credit_reports.id", ondelete="CASCADE"))
    creditor: Mapped[str] = mapped_column(String(120))
    account_type: Mapped[str] = mapped_column(String(24))
    monthly_payment: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    balance: Mapped[Decimal] = mapped_column(Numeric(14, 2))


class Document(TimestampMixin, Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_application_kind", "application_id", "kind"),
        Index("ix_documents_ocr_job", "ocr_job_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    borrower_id: Mapped[int | None] = mapped_column(ForeignKey("borrowers.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    storage_path: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))
    ocr_job_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ocr_status: Mapped[str] = mapped_column(String(16), default="pending")
    extracted: Mapped[dict] = mapped_column(JSONB, default=dict)
