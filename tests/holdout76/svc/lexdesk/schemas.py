from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, field_validator

PartyRole = Literal["client", "adverse", "related", "counsel", "witness"]


class PartyIn(BaseModel):
    name: str = Field(min_length=2, max_length=300)
    role: PartyRole


class MatterIn(BaseModel):
    client_id: int
    title: str = Field(min_length=3, max_length=300)
    practice_area: str = "litigation"
    responsible_attorney_id: int
    parties: list[PartyIn] = Field(default_factory=list, max_length=200)


class ConflictCheckIn(BaseModel):
    names: list[str] = Field(min_length=1, max_length=100)
    prospective_client_id: int | None = None
    exclude_matter_id: int | None = None


class TimeEntryIn(BaseModel):
    matter_id: int
    work_date: date
    minutes: int = Field(gt=0, le=24 * 60)
    narrative: str = Field(min_length=3, max_length=4000)
    billable: bool = True

    @field_validator("minutes")
    @classmethod
    def six_minute_increments(cls, value: int) -> int:
        # Firms bill in tenths of an hour; round up to the next increment.
        return ((value + 5) // 6) * 6


class TimeEntryPatch(BaseModel):
    minutes: int | None = Field(default=None, gt=0, le=24 * 60)
    narrative: str | None = None


class ApproveIn(BaseModel):
    entry_ids: list[int] = Field(min_length=1, max_length=1000)


class InvoiceRunIn(BaseModel):
    period_end: date


class DeadlineIn(BaseModel):
    title: str
    court_code: str
    trigger_date: date
    days: int = Field(ge=0, le=365)
    court_days: bool = False
    rule_ref: str | None = None
    assigned_to: int


class FilingRequest(BaseModel):
    matter_id: int
    document_id: int
    court_code: str
    case_number: str | None = None
    filing_type: str
    idempotency_key: str = Field(min_length=8, max_length=64)
    service_contacts: list[str] = Field(default_factory=list, max_length=50)


class ShareLinkIn(BaseModel):
    password: str = Field(min_length=8, max_length=128)
    ttl_hours: int = Field(default=72, ge=1, le=24 * 30)
