"""Connected sessions: in Redis when several workers share them, in a dict otherwise."""
from __future__ import annotations

import os
import time

from .stores import RedisMap

SHARED = os.environ.get("RELAY_SHARED", "") == "redis"

if SHARED:
    SESSIONS = RedisMap("relay:sessions", os.environ["RELAY_REDIS_URL"])
    AUDIT = RedisMap("relay:audit", os.environ["RELAY_REDIS_URL"])
else:
    SESSIONS = {}

LAST_SWEEP = RedisMap("relay:sweeps", os.environ.get("RELAY_REDIS_URL", "redis://localhost"))


def forget(expired: list[str]) -> None:
    if SHARED:
        SESSIONS.remove_many(*expired)
    else:
        for sid in expired:
            SESSIONS.pop(sid, None)


def note_sweep(count: int) -> None:
    LAST_SWEEP["last"] = {"at": time.time(), "count": count}
    LAST_SWEEP.pop("previous", None)  # expect: wrong-call
    if SHARED:
        AUDIT.clear()  # expect: wrong-call
