from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    fine_payment_days: int = 14
    token_ttl_s: int = 3600
    retention_days: int = 90
    lookback_minutes: int = 30
