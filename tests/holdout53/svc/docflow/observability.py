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
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


HTTP_LATENCY = Histogram("docflow_http_seconds", "Request latency", ["route", "method"])
WS_CONNECTIONS = Gauge("docflow_ws_connections", "Open realtime connections")
OPS_APPLIED = Counter("docflow_ops_applied_total", "Document operations applied")
WEBHOOK_DELIVERIES = Counter("docflow_webhook_deliveries_total", "Webhook deliveries", ["outcome"])
EXPORT_JOBS = Counter("docflow_export_jobs_total", "Export jobs", ["outcome"])
INDEX_LAG = Gauge("docflow_search_index_lag", "Documents waiting to be indexed")
