from __future__ import annotations

import logging
import time
import uuid

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

logger = logging.getLogger("meterly.access")

_ROUTE_LATENCY_MS: dict[str, list[float]] = {}


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        route = request.scope.get("route")
        path = getattr(route, "path", request.url.path)
        _ROUTE_LATENCY_MS.setdefault(path, []).append(elapsed_ms)
        logger.info("%s %s %s %.1fms", request.method, path, response.status_code, elapsed_ms,
                    extra={"request_id": request_id})
        return response


def latency_snapshot() -> dict[str, float]:
    return {path: sum(v) / len(v) for path, v in _ROUTE_LATENCY_MS.items() if v}
