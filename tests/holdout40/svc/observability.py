"""Logging, metrics and request tracing."""
from __future__ import annotations

import logging
import sys
import time
import uuid

import structlog
from opentelemetry import trace
from prometheus_client import Counter, Gauge, Histogram
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response


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


def get_logger(name: str):
    return structlog.get_logger(name)


HOLDS_CREATED = Counter("seat_holds_created_total", "Seat holds created", ["cabin"])
HOLDS_EXPIRED = Counter("seat_holds_expired_total", "Seat holds released by the expiry worker")
CHECKINS = Counter("checkins_total", "Completed check-ins", ["channel"])
UPGRADES = Counter("waitlist_upgrades_total", "Waitlist upgrades granted", ["cabin"])
PARTNER_LATENCY = Histogram("partner_call_seconds", "Outbound partner call latency", ["partner", "op"])
WS_CONNECTIONS = Gauge("gate_ws_connections", "Open gate-change websocket connections")
MILES_POSTED = Counter("miles_posted_total", "Miles accrual postings", ["source"])


log = logging.getLogger("access")
tracer = trace.get_tracer("flight-ops")


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id, path=request.url.path)
        started = time.perf_counter()
        with tracer.start_as_current_span(f"{request.method} {request.url.path}") as span:
            span.set_attribute("request.id", request_id)
            try:
                response = await call_next(request)
            except Exception:
                log.exception("unhandled error on %s %s", request.method, request.url.path)
                raise
            finally:
                structlog.contextvars.clear_contextvars()
            span.set_attribute("http.status_code", response.status_code)
        response.headers["x-request-id"] = request_id
        log.info(
            "%s %s %s %.1fms",
            request.method, request.url.path, response.status_code, (time.perf_counter() - started) * 1000,
        )
        return response
