"""Domain exceptions and their HTTP mapping."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


class BillingError(Exception):
    status_code = 400
    code = "billing_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)
        self.message = message or self.code


class TenantNotFound(BillingError):
    status_code = 404
    code = "tenant_not_found"


class InvoiceNotFound(BillingError):
    status_code = 404
    code = "invoice_not_found"


class PaymentDeclined(BillingError):
    status_code = 402
    code = "payment_declined"


class ProviderUnavailable(BillingError):
    status_code = 503
    code = "provider_unavailable"


class RateLimited(BillingError):
    status_code = 429
    code = "rate_limited"


class InvalidCredentials(BillingError):
    status_code = 401
    code = "invalid_credentials"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(BillingError)
    async def _billing_error(request: Request, exc: BillingError) -> JSONResponse:
        if exc.status_code >= 500:
            logger.warning("billing error on %s: %s", request.url.path, exc.message)
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": exc.code, "message": exc.message},
        )
