"""ASGI middleware: a per-IP request limit."""
import time
from collections import defaultdict, deque

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send


class PerIpLimit:
    def __init__(self, app: ASGIApp, *, per_minute: int) -> None:
        self.app = app
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        ip = client[0] if client else "unknown"
        now = time.monotonic()
        window = self._hits[ip]
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) >= self._per_minute:
            await JSONResponse({"detail": "Too many requests"}, status_code=429)(scope, receive, send)
            return
        window.append(now)
        await self.app(scope, receive, send)
