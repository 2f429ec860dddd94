"""Inventory API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from inventory.db import engine
from inventory.routes import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    engine.dispose()


app = FastAPI(title="inventory", lifespan=lifespan)
app.include_router(router)
