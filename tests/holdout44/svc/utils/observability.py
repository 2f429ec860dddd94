"""Logging context (request ids) and Prometheus metrics."""
from __future__ import annotations

import contextvars
import logging
import uuid

from prometheus_client import Counter, Gauge, Histogram

REQUESTS = Counter("custody_http_requests_total", "HTTP requests", ["route", "status"])
LATENCY = Histogram("custody_http_latency_seconds", "HTTP latency", ["route"])
DEPOSITS_SEEN = Counter("custody_deposits_seen_total", "Deposits seen on chain", ["chain"])
DEPOSITS_CREDITED = Counter("custody_deposits_credited_total", "Deposits credited", ["chain"])
WITHDRAWALS = Counter("custody_withdrawals_total", "Withdrawal state transitions", ["status"])
SIGNER_LATENCY = Histogram("custody_signer_latency_seconds", "Signer call latency")
WS_CONNECTIONS = Gauge("custody_ws_connections", "Open websocket connections")
WORKER_ERRORS = Counter("custody_worker_errors_total", "Worker loop errors", ["worker"])
WORKER_LAST_RUN = Gauge("custody_worker_last_run_timestamp", "Last successful worker run", ["worker"])
RECON_DRIFT = Gauge("custody_reconciliation_drift", "On-chain minus ledger balance", ["chain"])

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def new_request_id() -> str:
    rid = uuid.uuid4().hex
    request_id.set(rid)
    return rid


def trace_headers() -> dict[str, str]:
    return {"X-Request-ID": request_id.get()}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
