from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

VERSION = "2.4.1"


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://kitchen@db/kitchen", command_timeout=10)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/api/about")
async def about(request: Request) -> dict:
    groups = await request.app.state.pool.fetchval("SELECT count(*) FROM groups")
    return {"version": VERSION, "groups": groups}


@app.get("/api/version")
async def version() -> dict:
    return {"version": VERSION}  # expect: health-check-gap


@app.get("/api/recipes/{recipe_id}")
async def recipe(recipe_id: int, request: Request) -> dict:
    row = await request.app.state.pool.fetchrow("SELECT id, title FROM recipes WHERE id = $1", recipe_id)
    return dict(row) if row else {}
