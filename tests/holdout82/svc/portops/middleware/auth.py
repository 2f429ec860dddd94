from __future__ import annotations

import hashlib
import hmac
import logging

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

log = logging.getLogger(__name__)

PUBLIC_PATHS = ("/healthz", "/docs", "/openapi.json")


def derive_key_hash(api_key: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", api_key.encode(), salt.encode(), 310_000).hex()


def fingerprint(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


class ApiKeyMiddleware(BaseHTTPMiddleware):
    """Shipping lines, hauliers and the customs broker integrations authenticate with API keys."""

    def __init__(self, app, salt: str, known_hashes: dict[str, str]) -> None:
        super().__init__(app)
        self.salt = salt
        self.known_hashes = known_hashes

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.startswith(PUBLIC_PATHS) or request.scope["type"] == "websocket":
            return await call_next(request)
        api_key = request.headers.get("X-Api-Key", "")
        expected = self.known_hashes.get(fingerprint(api_key))
        if expected is None:
            return JSONResponse({"detail": "unknown api key"}, status_code=401)
        presented = derive_key_hash(api_key, self.salt)
        if not hmac.compare_digest(presented, expected):
            log.info("api key rejected for fingerprint %s", fingerprint(api_key))
            return JSONResponse({"detail": "invalid api key"}, status_code=401)
        request.state.client_id = fingerprint(api_key)
        return await call_next(request)
