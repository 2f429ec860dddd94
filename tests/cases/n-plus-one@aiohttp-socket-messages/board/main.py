"""The board server."""
from __future__ import annotations

import os
from typing import AsyncIterator

import asyncpg
from aiohttp import web

from board import api
from board.notes import NOTES, NoteStore


async def database(app: web.Application) -> AsyncIterator[None]:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], command_timeout=10)
    app[NOTES] = NoteStore(pool)
    yield
    await pool.close()


def create_app() -> web.Application:
    app = web.Application()
    app.cleanup_ctx.append(database)
    app.add_routes(api.routes)
    return app
