from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from .db.models import BedState


class BedStateChange(BaseModel):
    state: BedState
    reason: str | None = Field(default=None, max_length=200)


class QuickAssign(BaseModel):
    patient_id: int


class BoardRow(BaseModel):
    bed_id: int
    label: str
    room: str
    state: str
    patient: dict | None = None
    discharge_p24: float | None = None


class BedRequestIn(BaseModel):
    patient_id: int
    priority: int = Field(ge=1, le=5)
    isolation: str | None = None
    target_ward_id: int | None = None

    @field_validator("isolation")
    @classmethod
    def normalise_isolation(cls, value: str | None) -> str | None:
        return value.strip().upper() if value else None


class AssignIn(BaseModel):
    bed_id: int
    ward_id: int


class TransportIn(BaseModel):
    patient_id: int
    from_location: str
    to_bed_id: int
    ward_id: int
    urgent: bool = False


class PinLogin(BaseModel):
    housekeeper_id: str
    pin: str = Field(min_length=4, max_length=8)
