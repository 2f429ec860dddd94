"""Tracking API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tracking.api import router
from tracking.carrier import Carrier


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.carrier = Carrier("https://carrier.example.com")
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(router)
