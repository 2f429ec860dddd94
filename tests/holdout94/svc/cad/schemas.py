from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class IncidentCreate(BaseModel):
    nature_code: str = Field(max_length=16)
    priority: int = Field(ge=1, le=5)
    address: str
    city: str | None = None
    lat: float | None = None
    lon: float | None = None


class AddressUpdate(BaseModel):
    address: str
    city: str | None = None


class AssignRequest(BaseModel):
    unit_id: int


class CloseRequest(BaseModel):
    disposition: str = Field(max_length=32)


class UnitStatusUpdate(BaseModel):
    status: str
    lat: float | None = None
    lon: float | None = None


class AvlPoint(BaseModel):
    unit_id: int
    ts: datetime
    lat: float
    lon: float
    speed: float | None = None
    heading: int | None = None


class AvlBatch(BaseModel):
    points: list[AvlPoint] = Field(max_length=5000)


class MutualAidCreate(BaseModel):
    incident_id: int
    resource_type: str
    quantity: int = Field(ge=1, le=20)


class LoginRequest(BaseModel):
    username: str
    password: str
