"""Request and response models."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, EmailStr, Field


class LossAddress(BaseModel):
    line1: str
    city: str
    postcode: str
    country: str = "GB"


class ClaimSubmission(BaseModel):
    policy_number: str = Field(min_length=6, max_length=32)
    loss_type: str
    incident_date: date
    description: str = Field(max_length=8000)
    amount_claimed_cents: int = Field(gt=0)
    claimant_email: EmailStr
    loss_address: LossAddress
    external_ref: str | None = Field(default=None, max_length=64)


class ClaimCreated(BaseModel):
    id: int
    claim_number: str
    duplicate: bool = False


class ClaimSummary(BaseModel):
    id: int
    claim_number: str
    status: str
    reported_at: datetime
    last_event: str | None = None


class QueueItem(BaseModel):
    claim_id: int
    claim_number: str
    status: str
    policy_number: str
    holder_id: int
    sla_due_at: datetime | None


class StatusChange(BaseModel):
    status: str
    reason: str | None = None


class DocumentOut(BaseModel):
    id: int
    claim_id: int
    filename: str
    content_type: str
    size_bytes: int
    seen_on_other_claims: list[int] = []


class PayoutApproval(BaseModel):
    amount_cents: int = Field(gt=0)


class ImportSummary(BaseModel):
    rows_received: int
    rows_staged: int
    rows_rejected: int


class DailySummary(BaseModel):
    day: date
    by_status: dict[str, int]
    total_claimed: str
