"""HTTP middleware: error envelopes around every request."""
import logging

from fastapi import Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


async def error_envelope(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:  # expect: logging-gap
        return JSONResponse(status_code=500, content={"error": "internal_error"})


async def logged_envelope(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        logger.exception("unhandled error on %s", request.url.path)
        return JSONResponse(status_code=500, content={"error": "internal_error"})
