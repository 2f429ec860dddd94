"""Domain errors raised by services and repositories.

``svc.main`` maps every ``WmsError`` to a JSON response with its status code.
"""
from __future__ import annotations

from typing import Any


class WmsError(Exception):
    status_code: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFoundError(WmsError):
    status_code = 404
    code = "not_found"


class ValidationError(WmsError):
    status_code = 422
    code = "invalid"


class ConflictError(WmsError):
    status_code = 409
    code = "conflict"


class StockUnavailableError(ConflictError):
    code = "stock_unavailable"


class CarrierUnavailableError(WmsError):
    status_code = 503
    code = "carrier_unavailable"


class InvalidWebhookError(WmsError):
    status_code = 401
    code = "invalid_webhook"
