"""A tiny thread runner: work is wrapped in a Job object, then run on a worker thread."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

_POOL = ThreadPoolExecutor(max_workers=4)


@dataclass
class Job:
    fn: Callable[..., Any]
    args: tuple

    def run(self) -> Any:
        return self.fn(*self.args)


def make_job(fn: Callable[..., Any], *args: Any) -> Job:
    """Only wraps the callable; nothing runs here."""
    return Job(fn, args)


async def run_in_worker(job: Job) -> Any:
    return await asyncio.wrap_future(_POOL.submit(job.run))


def checksum(blob: bytes) -> int:
    total = 0
    for index, byte in enumerate(blob):
        total = (total * 31 + byte * (index + 1)) % 1_000_000_007
    return total
