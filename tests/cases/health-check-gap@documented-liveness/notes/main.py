"""A notes service backed by Postgres."""
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from notes import probes


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://notes@db/notes", command_timeout=30)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)
app.include_router(probes.router)


@app.get("/notes/{note_id}")
async def note(note_id: int, request: Request) -> dict:
    async with request.app.state.pool.acquire(timeout=5) as conn:
        row = await conn.fetchrow("SELECT body FROM notes WHERE id = $1", note_id)
    return {"body": row["body"] if row else None}
