from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class DomainError(Exception):
    status_code = 400
    code = "domain_error"

    def __init__(self, message: str, **context: object) -> None:
        super().__init__(message)
        self.message = message
        self.context = context


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class TariffNotFound(NotFound):
    code = "tariff_not_found"


class PaymentDeclined(DomainError):
    status_code = 402
    code = "payment_declined"


class UpstreamUnavailable(DomainError):
    status_code = 503
    code = "upstream_unavailable"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": exc.code, "message": exc.message, **{k: str(v) for k, v in exc.context.items()}},
        )
