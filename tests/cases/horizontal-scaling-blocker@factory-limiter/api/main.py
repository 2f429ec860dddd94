"""The API builds its limiters when the app is created."""
import redis.asyncio as redis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.limits import SharedLimiter, WindowLimiter


def create_app() -> FastAPI:
    app = FastAPI()
    local = WindowLimiter(per_minute=120)
    shared = SharedLimiter(redis.Redis(host="cache", socket_timeout=2), per_minute=600)

    @app.middleware("http")
    async def throttle(request: Request, call_next):
        client = request.client.host if request.client else "unknown"
        if not local.allow(client) or not await shared.allow(client):
            return JSONResponse({"error": "rate_limited"}, status_code=429)
        return await call_next(request)

    @app.get("/items")
    async def items() -> list[str]:
        return ["a", "b"]

    return app


app = create_app()
