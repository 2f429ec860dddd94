from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from cachesvc.store import SessionStore, get_store


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    store = await get_store()
    await store.close()


app = FastAPI(lifespan=lifespan)


@app.get("/items/{key}")
async def item(key: str) -> dict:
    store = await get_store()
    return {"value": await store.get(key)}


@app.get("/sessions/{sid}")
async def session(sid: str) -> dict:
    store = SessionStore("sessions")
    try:
        return {"value": await store.get(sid)}
    finally:
        await store.close()
