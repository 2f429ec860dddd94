from __future__ import annotations

import logging
import time
import uuid

from aiohttp import web

from ..core.container import CONTAINER
from ..core.errors import DomainError

log = logging.getLogger(__name__)


@web.middleware
async def request_context(request: web.Request, handler):
    request["request_id"] = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    started = time.perf_counter()
    response = await handler(request)
    response.headers["X-Request-ID"] = request["request_id"]
    log.debug("%s %s %.1fms", request.method, request.path, (time.perf_counter() - started) * 1000)
    return response


@web.middleware
async def error_middleware(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except DomainError as exc:
        return web.json_response({"error": exc.code, "detail": str(exc)}, status=exc.status)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return web.json_response({"error": "internal_error"}, status=500)


@web.middleware
async def db_session_middleware(request: web.Request, handler):
    if request.path.startswith("/ws/") or request.path in ("/healthz", "/readyz"):
        return await handler(request)
    async with request.app[CONTAINER].sessionmaker() as session:
        request["db_session"] = session
        return await handler(request)


@web.middleware
async def conference_scope(request: web.Request, handler):
    conference_id = request.match_info.get("conference_id")
    if conference_id is not None:
        request.app[CONTAINER].settings.current_conference_id = int(conference_id)
    return await handler(request)


@web.middleware
async def throttle_login(request: web.Request, handler):
    if request.method == "POST" and request.path == "/api/auth/login":
        throttle = request.app[CONTAINER].login_throttle
        if not throttle.hit(request.remote or "unknown"):
            raise web.HTTPTooManyRequests(text="too many login attempts")
    return await handler(request)


@web.middleware
async def api_rate_limit(request: web.Request, handler):
    if request.path.startswith("/api/"):
        limiter = request.app[CONTAINER].rate_limiter
        if not await limiter.hit(f"api:{request.remote}"):
            raise web.HTTPTooManyRequests()
    return await handler(request)
