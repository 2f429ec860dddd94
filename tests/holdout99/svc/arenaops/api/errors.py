from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from arenaops.errors import ArenaError

logger = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ArenaError)
    async def arena_error(request: Request, exc: ArenaError) -> JSONResponse:
        if exc.status_code >= 500:
            logger.error("upstream failure on %s: %s", request.url.path, exc.message)
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)
