from contextlib import asynccontextmanager

from fastapi import FastAPI

from tally.runner import Runner


@asynccontextmanager
async def lifespan(app: FastAPI):
    runner = Runner()
    runner.start()
    yield
    for task in list(runner.tasks):
        task.cancel()


app = FastAPI(lifespan=lifespan)
