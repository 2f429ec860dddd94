"""Per-user send and login throttles."""
import time
from collections import deque

_sends: dict[str, deque[float]] = {}  # expect: horizontal-scaling-blocker
_login_attempts: dict[str, list[float]] = {}  # expect: horizontal-scaling-blocker
_open_rooms: dict[str, int] = {}


def may_send(user_id: str, per_10s: int = 20) -> bool:
    now = time.monotonic()
    window = _sends.setdefault(user_id, deque())
    while window and now - window[0] > 10:
        window.popleft()
    window.append(now)
    return len(window) <= per_10s


def login_allowed(email: str, cap: int = 5) -> bool:
    cutoff = time.time() - 900
    attempts = [t for t in _login_attempts.get(email, []) if t > cutoff]
    stamp = time.time()
    attempts.append(stamp)
    _login_attempts[email] = attempts
    return not len(attempts) > cap


def room_has_space(room: str, cap: int = 50) -> bool:
    # correct: a cap on the sockets this process holds, not a rate over time
    _open_rooms[room] = _open_rooms.get(room, 0) + 1
    return _open_rooms[room] <= cap
