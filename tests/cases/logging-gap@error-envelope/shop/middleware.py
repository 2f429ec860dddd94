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


class BodyLimitMiddleware:
    """Rejects bodies over the limit; a malformed Content-Length is left to the server."""

    def __init__(self, app, limit: int = 1_000_000) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                if int(length) > self.limit:
                    await self._reject(send)
                    return
            except ValueError:
                pass
        await self.app(scope, receive, send)

    async def _reject(self, send) -> None:
        await send({"type": "http.response.start", "status": 413, "headers": []})
        await send({"type": "http.response.body", "body": b""})
