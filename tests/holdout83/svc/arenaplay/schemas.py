from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class RegisterIn(BaseModel):
    username: str = Field(min_length=3, max_length=24)
    email: str
    password: str = Field(min_length=10)
    region: str | None = None


class LoginIn(BaseModel):
    username: str
    password: str


class SteamLoginIn(BaseModel):
    ticket: str


class TokenOut(BaseModel):
    access_token: str
    expires_in: int


class PlayerOut(BaseModel):
    id: int
    username: str
    region: str
    rating: float | None = None
    created_at: datetime | None = None


class QueueJoinIn(BaseModel):
    mode: Literal["solo", "duo", "squad"] = "solo"
    party: list[int] = Field(default_factory=list)


class QueueTicketOut(BaseModel):
    ticket_id: str
    mode: str
    region: str
    position: int | None = None


class MatchOut(BaseModel):
    id: str
    mode: str
    status: str
    map_name: str
    participants: list[dict[str, Any]] = Field(default_factory=list)
    started_at: datetime | None = None


class MatchResultIn(BaseModel):
    winner_team: int
    scores: dict[int, int]
    duration_s: int


class LeaderboardEntry(BaseModel):
    rank: int
    player_id: int
    username: str | None = None
    score: float


class PurchaseIn(BaseModel):
    item_id: str
    quantity: int = Field(default=1, ge=1, le=99)
    idempotency_key: str


class TopUpIn(BaseModel):
    package_id: str
    payment_method: str
    idempotency_key: str


class ReportIn(BaseModel):
    accused_id: int
    match_id: str
    reason: Literal["aimbot", "wallhack", "speedhack", "griefing", "other"]
    details: str = Field(default="", max_length=2000)
    input_samples: list[list[float]] = Field(default_factory=list)
