"""Export jobs, at most a few per account per hour."""
from __future__ import annotations

import time
from collections import defaultdict


class ExportQuotaExceeded(Exception):
    pass


class ExportQuota:
    def __init__(self, per_hour: int) -> None:
        self.per_hour = per_hour
        self._started = defaultdict(list)  # expect: horizontal-scaling-blocker

    def check(self, account_id: int) -> None:
        now = time.time()
        recent = [t for t in self._started[account_id] if now - t < 3600]
        if len(recent) >= self.per_hour:
            raise ExportQuotaExceeded(f"account {account_id} started {len(recent)} exports this hour")
        recent.append(now)
        self._started[account_id] = recent
