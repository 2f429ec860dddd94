from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from ..errors import BedflowError

logger = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BedflowError)
    async def bedflow_error(request: Request, exc: BedflowError) -> JSONResponse:
        if exc.status_code >= 500:
            logger.error("upstream failure on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": str(exc), "type": type(exc).__name__}, status_code=exc.status_code)
