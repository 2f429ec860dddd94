"""How long a scheduled run must wait, in whole seconds."""
from __future__ import annotations

import math
from datetime import datetime, timezone


def delay_seconds(scheduled: datetime) -> int:
    """Round to the nearest second: the API takes an integer delay."""
    delay = scheduled - datetime.now(timezone.utc)
    seconds = math.floor(delay.total_seconds())
    seconds += round(delay.microseconds / 1e6)
    return max(seconds, 0)


def retry_after_ms(scheduled: datetime) -> int:
    gap = scheduled - datetime.now(timezone.utc)
    return gap.seconds * 1000 + gap.microseconds // 1000  # expect: logic-error
