from __future__ import annotations

import functools
import hashlib
import time
from collections import defaultdict, deque
from datetime import datetime, time as dtime, timezone
from uuid import UUID

from cachetools import TTLCache

from svc.errors import LimitExceededError
from svc.repositories.accounts import WalletRepository
from svc.repositories.payments import TransferRepository

VELOCITY_WINDOW_S = 60.0
VELOCITY_MAX_TRANSFERS = 10


class LimitService:
    """Daily spend limits and short-window velocity checks for outgoing transfers."""

    def __init__(self, transfers: TransferRepository, wallets: WalletRepository, daily_limit_minor: int) -> None:
        self._transfers = transfers
        self._wallets = wallets
        self._daily_limit_minor = daily_limit_minor
        self._recent_attempts: dict[UUID, deque[float]] = defaultdict(deque)
        self._limits_cache: TTLCache[UUID, dict[str, int]] = TTLCache(maxsize=50_000, ttl=60)

    def check_velocity(self, user_id: UUID) -> None:
        now = time.monotonic()
        window = self._recent_attempts[user_id]
        while window and now - window[0] > VELOCITY_WINDOW_S:
            window.popleft()
        if len(window) >= VELOCITY_MAX_TRANSFERS:
            raise LimitExceededError("too many transfers in a short period")
        window.append(now)

    async def limits_for(self, user_id: UUID) -> dict[str, int]:
        cached = self._limits_cache.get(user_id)
        if cached is not None:
            return cached
        wallets = await self._wallets.list_for_user(user_id)
        midnight = datetime.combine(datetime.now(timezone.utc).date(), dtime.min, tzinfo=timezone.utc)
        sent_today = await self._transfers.sent_since([w["id"] for w in wallets], midnight)
        limits = {
            "daily_limit_minor": self._daily_limit_minor,
            "daily_remaining_minor": max(0, self._daily_limit_minor - sent_today),
        }
        self._limits_cache[user_id] = limits
        return limits

    async def reserve(self, user_id: UUID, amount_minor: int) -> None:
        self.check_velocity(user_id)
        limits = await self.limits_for(user_id)
        if amount_minor > limits["daily_remaining_minor"]:
            raise LimitExceededError("daily transfer limit reached")
        limits["daily_remaining_minor"] -= amount_minor


class DeviceRiskScorer:
    """Cheap heuristic risk score per device fingerprint, used to trigger step-up auth."""

    def __init__(self, blocked_prefixes: frozenset[str]) -> None:
        self._blocked_prefixes = blocked_prefixes

    @functools.lru_cache(maxsize=None)
    def score(self, device_fingerprint: str) -> int:
        digest = hashlib.sha256(device_fingerprint.encode()).hexdigest()
        if any(device_fingerprint.startswith(prefix) for prefix in self._blocked_prefixes):
            return 100
        return int(digest[:2], 16) % 20
