"""Request middlewares: login throttling and API quotas."""
from __future__ import annotations

from aiohttp import web

from gate.limits import LIMITS


@web.middleware
async def login_throttle(request: web.Request, handler):
    if request.path == "/login":
        limits = request.app[LIMITS]
        attempts = limits.counters.incr(f"login:{request.remote}")  # expect: sync-io-in-async
        if attempts > limits.per_minute:
            raise web.HTTPTooManyRequests()
    return await handler(request)


@web.middleware
async def api_quota(request: web.Request, handler):
    used = await request.app[LIMITS].quotas.incr(f"quota:{request.remote}")
    if used > 1000:
        raise web.HTTPTooManyRequests()
    return await handler(request)
