from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


class ArenaError(Exception):
    status_code = 400
    code = "arena_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)
        self.message = message or self.code


class NotFoundError(ArenaError):
    status_code = 404
    code = "not_found"


class ConflictError(ArenaError):
    status_code = 409
    code = "conflict"


class InsufficientFundsError(ArenaError):
    status_code = 402
    code = "insufficient_funds"


class UnknownItemError(ArenaError):
    status_code = 404
    code = "unknown_item"


class AuthError(ArenaError):
    status_code = 401
    code = "unauthorized"


class UpstreamError(ArenaError):
    status_code = 502
    code = "upstream_unavailable"


class ReplayUploadError(Exception):
    pass


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ArenaError)
    async def _arena_error(request: Request, exc: ArenaError) -> JSONResponse:
        if exc.status_code >= 500:
            logger.warning("upstream failure on %s: %s", request.url.path, exc.message)
        return JSONResponse({"error": exc.code, "detail": exc.message}, status_code=exc.status_code)
