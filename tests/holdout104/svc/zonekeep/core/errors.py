from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class ZonekeepError(Exception):
    status_code = 400
    code = "error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(ZonekeepError):
    status_code = 404
    code = "not_found"


class Conflict(ZonekeepError):
    status_code = 409
    code = "conflict"


class DomainTaken(Conflict):
    code = "domain_taken"


class QuotaExceeded(ZonekeepError):
    status_code = 422
    code = "quota_exceeded"


class InsufficientFunds(ZonekeepError):
    status_code = 402
    code = "insufficient_funds"


class TransferRejected(ZonekeepError):
    status_code = 403
    code = "transfer_rejected"


class RegistryError(ZonekeepError):
    status_code = 502
    code = "registry_error"


class AcmeError(ZonekeepError):
    status_code = 502
    code = "acme_error"


class RateLimited(ZonekeepError):
    status_code = 429
    code = "rate_limited"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ZonekeepError)
    async def _handle(_: Request, exc: ZonekeepError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)
