from __future__ import annotations

import random
import time


def delay_for(attempt: int, base: float = 0.5, cap: float = 30.0) -> float:
    return min(cap, base * (2 ** attempt)) * (0.5 + random.random() / 2)


def pause(attempt: int) -> None:
    time.sleep(delay_for(attempt, cap=5.0))
