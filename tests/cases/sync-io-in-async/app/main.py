"""Application entry point with a lifespan that starts the poller."""
import asyncio
import json
import subprocess
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.routes import reports, users
from app.workers.poller import poll_forever


@asynccontextmanager
async def lifespan(app: FastAPI):
    with open("settings.json") as handle:  # startup only: nothing is served yet
        app.state.settings = json.load(handle)
    subprocess.run(["alembic", "upgrade", "head"], check=True)
    poller = asyncio.create_task(poll_forever())
    yield
    poller.cancel()


app = FastAPI(lifespan=lifespan)
app.include_router(users.router)
app.include_router(reports.router)
