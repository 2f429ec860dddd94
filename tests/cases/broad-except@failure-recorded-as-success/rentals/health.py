import asyncio
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

log = logging.getLogger(__name__)


async def deep(request: Request) -> JSONResponse:
    # look-alike: a probe routed by Starlette's Route list, turning each failure into a status
    results: dict[str, str] = {}
    for name, check in (("redis", request.app.state.redis.ping),):
        try:
            await asyncio.wait_for(check(), timeout=2)
            results[name] = "ok"
        except Exception as exc:
            log.warning("health check %s failed: %s", name, exc)
            results[name] = "fail"
    ok = all(v == "ok" for v in results.values())
    return JSONResponse({"checks": results}, status_code=200 if ok else 503)


async def stats(request: Request) -> JSONResponse:
    try:
        count = await request.app.state.redis.dbsize()
    except Exception as exc:  # expect: broad-except
        log.warning("stats failed: %s", exc)
        count = -1
    return JSONResponse({"keys": count})


routes = [
    Route("/health/deep", deep, methods=["GET"]),
    Route("/stats", stats, methods=["GET"]),
]
