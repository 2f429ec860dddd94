"""Run-folder service: the object store lives on app.state, and the watcher is handed that state."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from runs.storage import ObjectStore
from runs.watcher import FolderWatcher


@asynccontextmanager
async def lifespan(app: FastAPI):
    state = app.state
    state.store = ObjectStore("https://s3.lab.example", "eu-west-1")
    watcher = FolderWatcher(state)
    state.watcher_task = asyncio.create_task(watcher.run())
    yield
    watcher.stop()
    state.watcher_task.cancel()


app = FastAPI(lifespan=lifespan)
