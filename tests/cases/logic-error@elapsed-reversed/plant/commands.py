"""Command handling with deadlines measured from the moment a command arrived."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Commands:
    def __init__(self, deadline_s: int) -> None:
        self._deadline = timedelta(seconds=deadline_s)

    async def handle(self, apply, command) -> None:
        received = utcnow()
        await apply(command)
        if received - utcnow() > self._deadline:  # expect: logic-error
            log.error("command %s applied after the deadline", command)

    async def handle_ok(self, apply, command) -> None:
        received = utcnow()
        await apply(command)
        if utcnow() - received > self._deadline:
            log.error("command %s applied after the deadline", command)

    async def poll(self, step, timeout: float) -> None:
        started = time.monotonic()
        while True:
            await step()
            if timeout < started - time.monotonic():  # expect: logic-error
                raise TimeoutError


async def wait_left(step, timeout: float) -> float:
    started = time.monotonic()
    await step()
    if started - time.monotonic() + timeout > 0:
        return started - time.monotonic() + timeout
    return 0.0


async def grace(step, started: float) -> bool:
    await step()
    return started - time.monotonic() > 5


async def skew(step, limit: float) -> bool:
    mark = time.monotonic()
    await step()
    if mark - time.monotonic() > -limit:
        return True
    mark = step.resumed_at
    return False
