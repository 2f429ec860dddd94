"""Domain exception hierarchy and its HTTP mapping."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class WmsError(Exception):
    status_code = 400
    code = "wms_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(WmsError):
    status_code, code = 404, "not_found"


class StockLevelNotFound(NotFound):
    code = "stock_level_not_found"


class OrderNotFound(NotFound):
    code = "order_not_found"


class PurchaseOrderNotFound(NotFound):
    code = "purchase_order_not_found"


class InsufficientStock(WmsError):
    status_code, code = 409, "insufficient_stock"


class ConflictError(WmsError):
    status_code, code = 409, "conflict"


class InvalidAddress(WmsError):
    status_code, code = 422, "invalid_address"


class RateLimited(WmsError):
    status_code, code = 429, "rate_limited"


class AuthError(WmsError):
    status_code, code = 401, "unauthorised"


class UpstreamError(WmsError):
    status_code, code = 502, "upstream_error"


class CarrierError(UpstreamError):
    code = "carrier_error"


class CarrierUnavailable(CarrierError):
    status_code, code = 503, "carrier_unavailable"


class ErpError(UpstreamError):
    code = "erp_error"


class PrinterError(UpstreamError):
    code = "printer_error"


class CircuitOpenError(UpstreamError):
    status_code, code = 503, "circuit_open"


async def _wms_error_handler(request: Request, exc: WmsError) -> JSONResponse:
    if exc.status_code >= 500:
        log.warning("upstream failure on %s %s: %s", request.method, request.url.path, exc.message)
    body = {"error": exc.code, "message": exc.message, "details": exc.details}
    return JSONResponse(status_code=exc.status_code, content=body)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(WmsError, _wms_error_handler)
