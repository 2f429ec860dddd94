from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class DetectedAnomaly:
    account_id: int
    service: str
    day: date
    observed: Decimal
    expected: Decimal
    zscore: float

    @property
    def direction(self) -> str:
        return "spike" if self.zscore > 0 else "drop"
