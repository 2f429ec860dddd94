from __future__ import annotations

import contextvars
import logging
import sys

from prometheus_client import Counter, Gauge, Histogram

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


HOLDS_CREATED = Counter("boxoffice_holds_created_total", "Seat holds created", ["event_id"])
HOLDS_RELEASED = Counter("boxoffice_holds_released_total", "Seat holds released by the reaper")
CHECKOUTS = Counter("boxoffice_checkouts_total", "Checkout attempts", ["outcome"])
SCANS = Counter("boxoffice_scans_total", "Gate scans", ["result"])
PAYMENT_LATENCY = Histogram("boxoffice_payment_seconds", "Payment provider latency", ["operation"])
GATE_CONNECTIONS = Gauge("boxoffice_gate_connections", "Open door-staff websocket connections")
DELIVERIES = Counter("boxoffice_deliveries_total", "Ticket deliveries", ["channel", "outcome"])
