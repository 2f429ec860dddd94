"""Leases renewed by a worker: the elapsed time kept in a local or read as seconds."""
from __future__ import annotations

import time
from datetime import datetime, timezone


class Lease:
    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s

    async def renew(self, ping) -> bool:
        taken = time.monotonic()
        await ping()
        held = taken - time.monotonic()
        if held >= self.ttl_s:  # expect: logic-error
            return False
        return True

    async def renew_ok(self, ping) -> bool:
        taken = time.monotonic()
        await ping()
        held = time.monotonic() - taken
        if held >= self.ttl_s:
            return False
        return True

    async def stamp(self, ping) -> bool:
        sent = datetime.now(timezone.utc)
        await ping()
        return (sent - datetime.now(timezone.utc)).total_seconds() > self.ttl_s  # expect: logic-error

    async def stamp_ok(self, ping) -> bool:
        sent = datetime.now(timezone.utc)
        await ping()
        return (datetime.now(timezone.utc) - sent).total_seconds() > self.ttl_s

    async def left(self, ping, budget: float) -> bool:
        taken = time.monotonic()
        await ping()
        remaining = taken - time.monotonic() + budget
        return remaining > 0

    async def rebound(self, ping) -> bool:
        taken = time.monotonic()
        held = taken - time.monotonic()
        await ping()
        held = time.monotonic() - taken
        return held > self.ttl_s

    async def given(self, ping, taken: float) -> bool:
        await ping()
        held = taken - time.monotonic()
        return held > self.ttl_s
