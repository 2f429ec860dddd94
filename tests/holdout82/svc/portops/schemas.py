"""Request and response bodies."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class BerthAssignment(BaseModel):
    berth_code: str = Field(min_length=2, max_length=12)


class LineUpQuery(BaseModel):
    start: datetime
    end: datetime


class EtaOut(BaseModel):
    call_id: int
    eta: datetime


class SlotBooking(BaseModel):
    haulier_code: str = Field(min_length=2, max_length=10)
    container_number: str = Field(min_length=11, max_length=11)
    wanted: datetime


class GateInRequest(BaseModel):
    lane: int = Field(ge=1, le=24)
    image_b64: str
    driver_pin: str = Field(min_length=4, max_length=8)
    driver_id: str
    direction: str = Field(pattern="^(GATE_IN|GATE_OUT)$")


class PlacementOut(BaseModel):
    container: str
    block: str
    slot_id: int


class CommitRequest(BaseModel):
    block_id: int
    call_id: int
    placements: list[PlacementOut]
