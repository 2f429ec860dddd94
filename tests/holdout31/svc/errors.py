"""Domain exceptions and their mapping onto HTTP responses."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class EVCError(Exception):
    """Base class for errors that the API turns into structured responses."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str = "", *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.detail = detail or {}


class NotFoundError(EVCError):
    status_code = 404
    code = "not_found"


class ConflictError(EVCError):
    status_code = 409
    code = "conflict"


class AuthenticationError(EVCError):
    status_code = 401
    code = "unauthenticated"


class AuthorizationError(EVCError):
    status_code = 403
    code = "forbidden"


class PaymentDeclined(EVCError):
    status_code = 402
    code = "payment_declined"


class RateLimited(EVCError):
    status_code = 429
    code = "rate_limited"


class UpstreamError(EVCError):
    status_code = 502
    code = "upstream_error"


class RoamingUnavailable(UpstreamError):
    code = "roaming_unavailable"


class MarketUnavailable(UpstreamError):
    code = "market_unavailable"


class CircuitOpenError(UpstreamError):
    status_code = 503
    code = "dependency_unavailable"


async def _evc_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EVCError)
    if exc.status_code >= 500:
        log.error("request failed: %s", exc.message, extra={"path": request.url.path, "code": exc.code})
    body: dict[str, Any] = {"error": exc.code, "message": exc.message}
    if exc.detail:
        body["detail"] = exc.detail
    return JSONResponse(status_code=exc.status_code, content=body)


def register_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EVCError, _evc_error_handler)
