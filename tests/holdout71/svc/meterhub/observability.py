"""Logging configuration and Prometheus metrics."""
import contextvars
import logging
import logging.config

from prometheus_client import Counter, Gauge, Histogram

READINGS_INGESTED = Counter("mh_readings_ingested_total", "Readings accepted", ["source", "commodity"])
READINGS_REJECTED = Counter("mh_readings_rejected_total", "Readings rejected", ["source", "reason"])
BILLING_RUN_SECONDS = Histogram("mh_billing_run_seconds", "Billing run wall time")
INVOICES_ISSUED = Counter("mh_invoices_issued_total", "Invoices issued")
WS_CONNECTIONS = Gauge("mh_ws_connections", "Open websocket connections", ["channel"])
UPSTREAM_LATENCY = Histogram("mh_upstream_seconds", "Outbound call latency", ["upstream", "op"])
NOTIFICATIONS_SENT = Counter("mh_notifications_sent_total", "Notifications sent", ["channel", "result"])
WORKER_RESTARTS = Counter("mh_worker_restarts_total", "Supervised worker restarts", ["worker"])


request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"rid": {"()": RequestIdFilter}},
            "formatters": {
                "json": {
                    "format": '{"ts":"%(asctime)s","lvl":"%(levelname)s","logger":"%(name)s",'
                    '"rid":"%(request_id)s","msg":"%(message)s"}'
                }
            },
            "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["rid"]}},
            "root": {"level": level, "handlers": ["stdout"]},
        }
    )
