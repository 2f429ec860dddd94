"""Public API: the limiters live on app.state, built when the module is imported."""
import redis.asyncio as redis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.limits import InProcessRateLimiter, SharedRateLimiter

app = FastAPI()
app.state.key_limiter = InProcessRateLimiter(600)
app.state.ip_limiter = SharedRateLimiter(redis.Redis(host="redis", socket_timeout=2), 120)


async def limit_keys(request: Request, call_next):
    key = request.headers.get("x-api-key", "anonymous")
    if not request.app.state.key_limiter.allow(key):
        return JSONResponse(status_code=429, content={"error": "rate_limited"})
    return await call_next(request)


async def limit_addresses(request: Request, call_next):
    address = request.client.host if request.client else "unknown"
    if not await request.app.state.ip_limiter.allow(address):
        return JSONResponse(status_code=429, content={"error": "rate_limited"})
    return await call_next(request)


app.middleware("http")(limit_keys)
app.middleware("http")(limit_addresses)


@app.get("/v1/items")
async def items() -> list[dict]:
    return [{"id": 1}]
