from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from grader.dispatch import Dispatcher, Store
from grader.runner import RunnerClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    runner = RunnerClient("https://runner.internal")
    task = asyncio.create_task(Dispatcher(Store(), runner).run())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)
