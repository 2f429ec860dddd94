from contextlib import asynccontextmanager

from fastapi import FastAPI

CACHE: dict[str, str] = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    CACHE["ready"] = "yes"
    yield
    CACHE.clear()


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")  # expect: fastapi-practice
async def warm_cache() -> None:
    CACHE["warm"] = "yes"


@app.on_event("shutdown")
async def flush_cache() -> None:
    CACHE.clear()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
