from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field


class SampleRowIn(BaseModel):
    sample_name: str = Field(min_length=1, max_length=120)
    index_i7: str
    index_i5: str | None = None
    organism: str | None = None
    concentration_nm: float | None = None
    project: str | None = None


class SampleOut(BaseModel):
    id: UUID
    name: str
    lab_id: UUID
    index_i7: str
    index_i5: str | None
    status: str
    pool_id: UUID | None = None


class UploadResult(BaseModel):
    submission_id: UUID
    accepted: int
    rejected: list[dict] = []


class RunIn(BaseModel):
    instrument_id: str
    flowcell_id: str
    run_type: str = "NovaSeq-S4"
    lanes: int = 4


class RunOut(BaseModel):
    id: UUID
    run_number: int
    instrument_id: str
    flowcell_id: str
    status: str
    created_at: datetime
    completed_at: datetime | None = None


class RunCompletion(BaseModel):
    run_folder: str
    flowcell_id: str
    instrument_id: str
    status: str
    completed_at: datetime
    manifest_key: str | None = None


class PipelineRequest(BaseModel):
    run_id: UUID
    pipeline: str = "demux-align-v3"
    reference: str = "GRCh38"
    params: dict = {}


class JobOut(BaseModel):
    id: UUID
    run_id: UUID
    pipeline: str
    status: str
    scheduler_job_id: str | None = None


class DeliveryOut(BaseModel):
    id: UUID
    lab_id: UUID
    run_id: UUID
    urls: list[str]
    expires_at: datetime


class ChargeLine(BaseModel):
    sample_id: UUID
    grant_code: str
    amount_cents: int
    description: str
