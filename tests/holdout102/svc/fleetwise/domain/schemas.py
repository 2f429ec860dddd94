from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field


class PositionIn(BaseModel):
    mmsi: str = Field(min_length=9, max_length=9)
    ts: datetime
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    sog_kn: float | None = None
    cog_deg: float | None = None


class PositionBatch(BaseModel):
    positions: list[PositionIn] = Field(max_length=5000)


class NoonReportIn(BaseModel):
    voyage_id: int
    reported_at: datetime
    distance_nm: float = Field(ge=0)
    fuel_hfo_t: float = 0.0
    fuel_vlsfo_t: float = 0.0
    fuel_mgo_t: float = 0.0
    remarks: str | None = None


class VoyagePlanIn(BaseModel):
    vessel_id: int
    origin_port: str
    destination_port: str
    origin: tuple[float, float]
    destination: tuple[float, float]
    planned_speed_kn: float = Field(gt=0, le=30)
    etd: datetime


class BunkerOrderIn(BaseModel):
    vessel_id: int
    port_code: str
    grade: str
    quantity_t: Decimal = Field(gt=0)


class PortCallIn(BaseModel):
    voyage_id: int
    port_code: str
    eta: datetime


class CrewAssignIn(BaseModel):
    member_id: int
    vessel_id: int
    sign_on: date


class ChatIn(BaseModel):
    body: str = Field(min_length=1, max_length=4000)
