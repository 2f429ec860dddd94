"""Billing API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from billing.db import engine
from billing.routes import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await engine.dispose()


app = FastAPI(title="billing", lifespan=lifespan)
app.include_router(router)
