from contextlib import asynccontextmanager

from fastapi import FastAPI

from depot.config import depot_config
from depot.routes import ops


@asynccontextmanager
async def lifespan(app: FastAPI):
    cfg = depot_config()
    cfg.maintenance = False  # set once while the process starts
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(ops.router)
