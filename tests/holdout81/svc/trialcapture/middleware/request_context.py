from __future__ import annotations

import contextvars
import logging
import threading
import time
import uuid

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

from ..services.audit import AuditService

log = logging.getLogger(__name__)

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestCounter:
    """Counts requests for the /metrics endpoint; also read from the exporter thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0

    def increment(self) -> None:
        with self._lock:
            self._count += 1

    @property
    def value(self) -> int:
        return self._count


class RequestContextMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, counter: RequestCounter) -> None:
        super().__init__(app)
        self._counter = counter

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        self._counter.increment()
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        log.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code, elapsed_ms)
        return response

_MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AuditTrailMiddleware(BaseHTTPMiddleware):
    """Keeps a local record of every data-changing request, independent of the database trail."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        if request.method in _MUTATING:
            audit: AuditService = request.app.state.container.audit
            audit.spool_locally(
                {
                    "request_id": request_id_var.get(),
                    "method": request.method,
                    "path": request.url.path,
                    "status": response.status_code,
                    "client": request.client.host if request.client else None,
                }
            )
        return response
