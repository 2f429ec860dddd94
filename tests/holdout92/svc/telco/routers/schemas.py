from __future__ import annotations

from pydantic import BaseModel, Field


class ActivateSimIn(BaseModel):
    iccid: str = Field(min_length=19, max_length=22)
    imsi: str = Field(min_length=14, max_length=15)
    msisdn: str
    account_ref: str
    plan_code: str
    channel: str = "retail"


class EsimIn(BaseModel):
    eid: str = Field(min_length=32, max_length=32)
    iccid: str


class PortInIn(BaseModel):
    subscriber_id: int
    msisdn: str
    donor: str
    account_ref: str


class ReserveIn(BaseModel):
    subscriber_id: int
    session_id: str
    amount_cents: int = Field(gt=0, le=50_000)


class CommitIn(BaseModel):
    session_id: str
    used_cents: int = Field(ge=0)


class TopUpIn(BaseModel):
    amount_cents: int = Field(gt=0, le=100_000)


class PurchaseIn(BaseModel):
    bundle_code: str


class OtpIn(BaseModel):
    msisdn: str


class OtpVerifyIn(BaseModel):
    msisdn: str
    code: str


class NocEventIn(BaseModel):
    source: str
    severity: str
    cell_id: str | None = None
    message: str
