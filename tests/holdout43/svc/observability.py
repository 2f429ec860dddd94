"""Logging, metrics and request-scoped context."""
from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar

from prometheus_client import Counter, Gauge, Histogram

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": request_id_var.get(),
        }
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data)


def configure_logging(env: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if env != "dev" else logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


APPLICATIONS_SUBMITTED = Counter("ats_applications_submitted_total", "Applications received", ["source"])
STAGE_TRANSITIONS = Counter("ats_stage_transitions_total", "Pipeline stage moves", ["to_stage"])
NOTIFICATIONS_SENT = Counter("ats_notifications_total", "Notifications", ["channel", "outcome"])
WS_CONNECTIONS = Gauge("ats_ws_connections", "Open pipeline board sockets")
CALENDAR_LATENCY = Histogram("ats_calendar_request_seconds", "Calendar API latency", ["op"])
SYNDICATION_RESULTS = Counter("ats_syndication_total", "Job board publish results", ["board", "outcome"])
WORKER_TICKS = Counter("ats_worker_ticks_total", "Worker iterations", ["worker", "outcome"])


current_company: ContextVar[int | None] = ContextVar("current_company", default=None)


def require_company() -> int:
    company_id = current_company.get()
    if company_id is None:
        raise LookupError("no tenant bound to this context")
    return company_id
