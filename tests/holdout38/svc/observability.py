from __future__ import annotations

import logging
import sys

from prometheus_client import Counter, Gauge, Histogram
import structlog


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


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)


BOOKINGS = Counter("telehealth_bookings_total", "Appointments booked", ["outcome"])
HOLDS = Counter("telehealth_slot_holds_total", "Slot holds", ["outcome"])
ERX_SENT = Counter("telehealth_erx_sent_total", "Prescriptions transmitted", ["outcome"])
ELIGIBILITY_LATENCY = Histogram(
    "telehealth_eligibility_seconds", "Eligibility call latency", buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10)
)
CLAIMS_SUBMITTED = Counter("telehealth_claims_submitted_total", "Claims submitted", ["outcome"])
WS_CONNECTIONS = Gauge("telehealth_ws_connections", "Open signalling sockets")
REMINDERS = Counter("telehealth_reminders_total", "Reminders sent", ["channel", "outcome"])
