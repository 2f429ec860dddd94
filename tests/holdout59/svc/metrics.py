from __future__ import annotations

import logging
import sys
import threading
import time
from collections import Counter

from prometheus_client import Counter as PromCounter
import structlog
from prometheus_client import Gauge, Histogram

ATTEMPTS_STARTED = PromCounter("exams_attempts_started_total", "Attempts started", ["exam_id"])
AUTOSAVES = PromCounter("exams_autosaves_total", "Autosave writes", ["outcome"])
GRADING_SECONDS = Histogram("exams_grading_seconds", "Time spent grading one attempt")
PROCTOR_SOCKETS = Gauge("exams_proctor_sockets", "Open proctor websocket connections")
LMS_EXPORT_FAILURES = PromCounter("exams_lms_export_failures_total", "Failed LMS grade pushes")


class LocalStats:
    """Small thread-safe tally used by the grading worker's status endpoint."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._started = time.monotonic()

    def incr(self, key: str, n: int = 1) -> None:
        with self._lock:
            self._counts[key] += n

    def snapshot(self) -> dict[str, float]:
        with self._lock:  # copy under the lock, format outside it
            data = dict(self._counts)
        data["uptime_s"] = time.monotonic() - self._started
        return data


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(stream=sys.stdout, level=level, format="%(message)s")
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
    )
