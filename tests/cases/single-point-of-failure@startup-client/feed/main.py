from contextlib import asynccontextmanager

from fastapi import FastAPI

from feed.api import router
from feed.store import build_presence


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.presence = build_presence()
    yield
    await app.state.presence.aclose()


app = FastAPI(lifespan=lifespan)
app.include_router(router)
