"""Facts about the job being run: `from jobs.context import job_id` reads the live value."""
from __future__ import annotations

import os
from typing import Any, Callable

__all__ = ["job_id", "attempt", "queue_name"]


def _job_id() -> str | None:
    return os.environ.get("JOB_ID")


def _attempt() -> int:
    return int(os.environ.get("JOB_ATTEMPT", "1"))


def _queue_name() -> str:
    return os.environ.get("JOB_QUEUE", "default")


FIELDS: dict[str, Callable[[], Any]] = {"job_id": _job_id, "attempt": _attempt, "queue_name": _queue_name}


def __getattr__(name: str) -> Any:
    func = FIELDS.get(name)
    if func is None:
        raise AttributeError(f"{__name__} has no attribute {name!r}")
    return func()
