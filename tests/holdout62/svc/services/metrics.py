"""Business counters exported to Prometheus and mirrored to redis for the ops dashboard."""
from __future__ import annotations

import threading
from collections import Counter

from prometheus_client import Counter as PromCounter
from prometheus_client import Histogram

from svc.redis_client import get_redis

BOOKINGS = PromCounter("vetnet_bookings_total", "Appointments booked", ["clinic"])
REMINDERS = PromCounter("vetnet_reminders_total", "Reminders sent", ["channel", "outcome"])
LAB_INGEST_SECONDS = Histogram("vetnet_lab_ingest_seconds", "Time to ingest one lab result set")

_local = Counter()
_local_lock = threading.Lock()


def count_booking(clinic_code: str) -> None:
    BOOKINGS.labels(clinic=clinic_code).inc()
    with _local_lock:
        _local[f"bookings:{clinic_code}"] += 1


async def flush_to_redis() -> None:
    r = get_redis()
    _local_lock.acquire()
    try:
        for key, value in _local.items():
            await r.hincrby("ops:counters", key, value)
        _local.clear()
    finally:
        _local_lock.release()
