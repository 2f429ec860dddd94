from contextlib import asynccontextmanager

from fastapi import FastAPI

from clinic.routes import bookings
from clinic.wiring import assemble


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.components = assemble("redis://cache")
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(bookings.router)
