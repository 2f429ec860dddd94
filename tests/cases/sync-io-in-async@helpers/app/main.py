"""Application factory: settings and services live on a container built in the lifespan."""
import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI

from app.api import documents, places
from app.workers.archiver import Archiver


@dataclass
class Settings:
    docs_dir: str = "/srv/docs"
    archive_dir: str = "/srv/archive"


@dataclass
class Container:
    settings: Settings
    archiver: Archiver


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = Settings()
    archiver = Archiver(Path(settings.archive_dir))
    app.state.container = Container(settings=settings, archiver=archiver)
    task = asyncio.create_task(archiver.run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
app.include_router(documents.router)
app.include_router(places.router)
