"""Metrics, request ids and access logging."""
from __future__ import annotations

import contextvars
import logging
import threading
import time
import uuid
from collections import Counter

from prometheus_client import Counter as PromCounter
from prometheus_client import Histogram
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

CRAWL_LATENCY = Histogram("pw_crawl_fetch_seconds", "Fetch latency per retailer", ["retailer"])
CRAWL_RESULTS = PromCounter("pw_crawl_results_total", "Crawl outcomes", ["retailer", "outcome"])
ALERTS_FIRED = PromCounter("pw_alerts_fired_total", "Alerts fired", ["channel"])
NOTIFY_FAILURES = PromCounter("pw_notify_failures_total", "Notification failures", ["channel"])
REDIRECTS = PromCounter("pw_affiliate_redirects_total", "Affiliate redirects", ["retailer"])


class LocalStats:
    """Thread-safe counters shared with the sync admin exporter thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._started = time.time()

    def incr(self, name: str, n: int = 1) -> None:
        with self._lock:
            self._counts[name] += n

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    @property
    def uptime(self) -> float:
        return time.time() - self._started


stats = LocalStats()

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("pricewatch.access")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next) -> Response:
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            raise
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        log.info(
            "%s %s %s %.1fms", request.method, request.url.path, response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response
