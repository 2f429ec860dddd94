from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Fine:
    rider_id: str
    amount_cents: int
    issued_at: datetime
    due_at: datetime


@dataclass
class Token:
    value: str
    expires_at: float
