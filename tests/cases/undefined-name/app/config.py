"""Settings read once from the environment."""
from __future__ import annotations

import os

PRICE_POLL_INTERVAL_SECONDS = float(os.getenv("PRICE_POLL_INTERVAL_SECONDS", "2"))
STALE_AFTER_SECONDS = 300
FEATURE_FLAGS: dict[str, bool] = {}


def env_flag(name: str) -> bool:
    return os.getenv(name, "") in ("1", "true")
