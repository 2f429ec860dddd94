from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def metrics_lifespan(app: FastAPI):
    yield


metrics = FastAPI(lifespan=metrics_lifespan)


@metrics.get("/metrics")
async def export() -> str:
    return ""
