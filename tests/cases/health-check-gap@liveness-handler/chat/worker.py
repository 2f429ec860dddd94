"""The worker process: its own small health app, which checks nothing."""
import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

pool: asyncpg.Pool | None = None


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})  # expect: health-check-gap


async def pending(request: Request) -> JSONResponse:
    count = await pool.fetchval("SELECT count(*) FROM outbox WHERE delivered_at IS NULL")
    return JSONResponse({"pending": count})


health_app = Starlette(routes=[Route("/health", health), Route("/pending", pending)])
