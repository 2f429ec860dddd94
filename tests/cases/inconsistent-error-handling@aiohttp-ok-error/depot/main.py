"""The depot's aiohttp server, with an error middleware for unexpected failures."""
from __future__ import annotations

import logging
import os
from typing import AsyncIterator

import asyncpg
from aiohttp import web

from depot import api
from depot.store import ParcelStore

log = logging.getLogger(__name__)


@web.middleware
async def errors(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("unhandled error on %s", request.path)
        return web.json_response({"error": "internal error"}, status=500)


async def database(app: web.Application) -> AsyncIterator[None]:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], command_timeout=10)
    app[api.STORE] = ParcelStore(pool)
    yield
    await pool.close()


def create_app() -> web.Application:
    app = web.Application(middlewares=[errors])
    app.cleanup_ctx.append(database)
    app.add_routes(api.routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
