from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class GiveHubError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message or self.code


class NotFoundError(GiveHubError):
    status_code = 404
    code = "not_found"


class CampaignNotFound(NotFoundError):
    code = "campaign_not_found"


class ConflictError(GiveHubError):
    status_code = 409
    code = "conflict"


class GatewayError(GiveHubError):
    status_code = 502
    code = "gateway_error"


class GatewayDeclined(GiveHubError):
    status_code = 402
    code = "payment_declined"


class FraudRejected(GiveHubError):
    status_code = 403
    code = "donation_rejected"


class BankTransferError(GiveHubError):
    status_code = 502
    code = "bank_error"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GiveHubError)
    async def _handle(request: Request, exc: GiveHubError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content={"detail": {"code": exc.code, "message": exc.message}},
        )
