from __future__ import annotations

import contextvars
import json
import logging
import sys
import time
import uuid
from collections import Counter

from prometheus_client import Counter as PromCounter, Histogram
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request


request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": round(record.created, 3),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": request_id_var.get(),
        }
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        extra = getattr(record, "ctx", None)
        if extra:
            payload.update(extra)
        return json.dumps(payload, default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


class RequestContextMiddleware(BaseHTTPMiddleware):
    """Assigns a request id, propagates it downstream and logs slow requests."""

    slow_request_ms = 750

    async def dispatch(self, request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = rid
        if elapsed_ms > self.slow_request_ms:
            logging.getLogger("social.http").warning(
                "slow request", extra={"ctx": {"path": request.url.path, "ms": round(elapsed_ms)}}
            )
        return response


HTTP_LATENCY = Histogram(
    "social_http_request_seconds", "HTTP request latency", ["method", "route", "status"]
)
DROPPED_NOTIFICATIONS = PromCounter("social_notifications_dropped_total", "Notifications dropped", ["reason"])
CLASSIFIER_CALLS = PromCounter("social_classifier_calls_total", "Classifier calls", ["outcome"])

route_hits: Counter[str] = Counter()


class MetricsMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        template = getattr(route, "path", "unmatched")
        HTTP_LATENCY.labels(request.method, template, str(response.status_code)).observe(
            time.perf_counter() - started
        )
        route_hits[template] += 1
        return response


def top_routes(n: int = 10) -> list[tuple[str, int]]:
    return route_hits.most_common(n)
