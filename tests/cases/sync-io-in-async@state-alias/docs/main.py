"""Document service: services live on app.state, set through a short alias."""
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from docs.api import invoices
from docs.media import MediaService


@asynccontextmanager
async def lifespan(app: FastAPI):
    st = app.state
    st.media = MediaService(Path("/var/lib/docs/invoices"))
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(invoices.router)
