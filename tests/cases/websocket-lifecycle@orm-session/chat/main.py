"""Chat service: the session factory is kept on app.state through a short alias."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chat.api import rooms
from chat.db import SessionFactory, engine


@asynccontextmanager
async def lifespan(app: FastAPI):
    st = app.state
    st.sessions = SessionFactory
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)
app.include_router(rooms.router)
