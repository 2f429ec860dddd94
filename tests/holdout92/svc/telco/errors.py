from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


class TelcoError(Exception):
    status_code = 400
    code = "telco_error"


class NotFound(TelcoError):
    status_code = 404
    code = "not_found"


class InsufficientBalance(TelcoError):
    status_code = 402
    code = "insufficient_balance"


class ActivationRejected(TelcoError):
    status_code = 422
    code = "activation_rejected"


class PortingRejected(TelcoError):
    status_code = 409
    code = "porting_rejected"


class UpstreamUnavailable(TelcoError):
    status_code = 503
    code = "upstream_unavailable"


class PaymentFailed(TelcoError):
    status_code = 402
    code = "payment_failed"


async def telco_error_handler(request: Request, exc: TelcoError) -> JSONResponse:
    logger.info("request %s failed: %s (%s)", request.url.path, exc.code, exc)
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "detail": str(exc)})
