"""Per-user message limits and per-upstream breakers for the chat service."""
import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class MessageThrottle:
    """Sliding window of message timestamps per user."""

    def __init__(self, per_window: int, window_s: float = 10.0) -> None:
        self._per_window = per_window
        self._window_s = window_s
        self._sent: dict[int, deque[float]] = defaultdict(deque)

    def permit(self, user_id: int) -> bool:
        now = time.monotonic()
        window = self._sent[user_id]
        while window and now - window[0] > self._window_s:
            window.popleft()
        if len(window) >= self._per_window:
            return False
        window.append(now)
        return True


class SharedThrottle:
    """The same limit counted in redis, so every replica sees one counter."""

    def __init__(self, redis: Redis, per_window: int) -> None:
        self._redis = redis
        self._per_window = per_window

    async def permit(self, user_id: int) -> bool:
        key = f"chat:rl:{user_id}:{int(time.time() // 10)}"
        count = await self._redis.incr(key)
        await self._redis.expire(key, 20)
        return int(count) <= self._per_window


class UpstreamBreaker:
    """Per-host circuit breaker: each process judging its own calls is the intended design."""

    def __init__(self, cooldown_s: float = 30.0) -> None:
        self._cooldown_s = cooldown_s
        self._opened: dict[str, float] = {}

    def allow(self, host: str) -> bool:
        opened = self._opened.get(host)
        if opened is not None and time.monotonic() - opened < self._cooldown_s:
            return False
        self._opened.pop(host, None)
        return True

    def trip(self, host: str) -> None:
        self._opened[host] = time.monotonic()
