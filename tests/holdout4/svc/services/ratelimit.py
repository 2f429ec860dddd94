"""Per-tenant request limits."""
from __future__ import annotations

import time
from dataclasses import dataclass

from svc import errors
from svc.config import settings

PLAN_MULTIPLIER = {"free": 1, "team": 4, "enterprise": 20}


@dataclass
class TokenBucket:
    capacity: float
    refill_per_sec: float
    tokens: float
    updated: float

    def take(self, now: float, cost: float = 1.0) -> bool:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_sec)
        self.updated = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False

    def wait_seconds(self, cost: float = 1.0) -> int:
        missing = max(0.0, cost - self.tokens)
        return int(missing / self.refill_per_sec) + 1


_buckets: dict[int, TokenBucket] = {}


def _new_bucket(plan: str) -> TokenBucket:
    per_minute = settings.rate_limit_per_minute * PLAN_MULTIPLIER.get(plan, 1)
    return TokenBucket(capacity=per_minute, refill_per_sec=per_minute / 60.0, tokens=per_minute,
                       updated=time.monotonic())


def check_tenant(workspace_id: int, plan: str, cost: float = 1.0) -> None:
    bucket = _buckets.get(workspace_id)
    if bucket is None:
        bucket = _buckets[workspace_id] = _new_bucket(plan)
    if not bucket.take(time.monotonic(), cost):
        raise errors.RateLimited(retry_after=bucket.wait_seconds(cost))
