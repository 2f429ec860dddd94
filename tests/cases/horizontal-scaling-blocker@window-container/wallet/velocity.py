"""Short-window checks on how often a user moves money or bids."""
import time
from collections import defaultdict, deque

from wallet.errors import TransferBlocked

WINDOW_S = 60.0


class VelocityGuard:
    def __init__(self, max_per_window: int) -> None:
        self._max = max_per_window
        self._attempts: dict[int, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker

    def check(self, user_id: int) -> None:
        now = time.monotonic()
        window = self._attempts[user_id]
        while window and now - window[0] > WINDOW_S:
            window.popleft()
        if len(window) >= self._max:
            raise TransferBlocked("too many transfers in a short period")
        window.append(now)


class BidPacer:
    def __init__(self) -> None:
        self._bid_times: dict[int, deque[float]] = {}  # expect: horizontal-scaling-blocker

    def accept(self, account_id: int, per_minute: int = 30) -> bool:
        now = time.monotonic()
        times = self._bid_times.setdefault(account_id, deque())
        while times and now - times[0] > WINDOW_S:
            times.popleft()
        if len(times) >= per_minute:
            return False
        times.append(now)
        return True


class LatencyLog:
    """Recent request timings per endpoint for the local /debug page: per process on purpose."""

    def __init__(self) -> None:
        self._seen: dict[str, deque[float]] = defaultdict(lambda: deque(maxlen=100))

    def record(self, endpoint: str) -> None:
        self._seen[endpoint].append(time.monotonic())

    def recent(self, endpoint: str) -> int:
        return len(self._seen[endpoint])


class RequestScopedWindow:
    """Built per request by a dependency: its window lives as long as the request does."""

    def __init__(self) -> None:
        self._steps: dict[str, deque[float]] = defaultdict(deque)

    def step(self, name: str) -> None:
        now = time.monotonic()
        steps = self._steps[name]
        if len(steps) > 10:
            raise TransferBlocked("too many steps in one request")
        steps.append(now)
