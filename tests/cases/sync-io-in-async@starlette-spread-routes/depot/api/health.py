"""Liveness and build information."""
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BUILD_FILE = "/srv/depot/BUILD"


async def live(request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


async def info(request: Request) -> JSONResponse:
    with open(BUILD_FILE, encoding="utf-8") as fh:  # expect: sync-io-in-async
        build = fh.read().strip()
    return JSONResponse({"build": build})


routes = [
    Route("/health/live", live, methods=["GET"]),
    Route("/health/info", info, methods=["GET"]),
]
