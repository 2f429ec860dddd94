from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    rate: float
    capacity: float
    tokens: float = field(init=False)
    updated: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def take(self, n: float = 1.0) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= n:
            self.tokens -= n
            return True
        return False


class ApiRateLimiter:
    """Per-tenant request limiter for the public API (requests / second)."""

    def __init__(self, rate: float = 20.0, burst: float = 40.0) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, TokenBucket] = {}

    def allow(self, tenant_key: str) -> bool:
        bucket = self._buckets.get(tenant_key)
        if bucket is None:
            bucket = self._buckets[tenant_key] = TokenBucket(self.rate, self.burst)
        return bucket.take()


api_limiter = ApiRateLimiter()
