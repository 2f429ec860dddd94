from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from .stores.factory import close_store, fresh_replica, get_store


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    close_store()


app = FastAPI(lifespan=lifespan)


@app.get("/collections/{name}/search")
async def search(name: str, limit: int = 10) -> list[dict]:
    store = get_store()
    return await run_in_threadpool(store.search, name, limit)


@app.get("/collections/{name}/count")
async def count(name: str) -> int:
    replica = fresh_replica()
    return await run_in_threadpool(replica.count, name)
