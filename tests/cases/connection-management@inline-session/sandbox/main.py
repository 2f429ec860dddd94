from contextlib import asynccontextmanager

from fastapi import FastAPI

from .runner import run_snippet, stop_sandbox


@asynccontextmanager
async def lifespan(app: FastAPI):
    await run_snippet("print('warm-up')")  # the sandbox answers before the app takes traffic
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/stop")
async def stop() -> dict:
    return {"status": await stop_sandbox()}
