"""Meter service: the scheduler flushes readings and polls gateways; tariffs load once at startup."""
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from meter.readings import GatewayPoller, ReadingBuffer, load_tariffs
from meter.schedule import Runner, every


@asynccontextmanager
async def lifespan(app: FastAPI):
    await run_in_threadpool(load_tariffs)
    buffer, poller, runner = ReadingBuffer(), GatewayPoller(), Runner()
    app.state.buffer = buffer
    runner.launch(lambda: every(30.0, buffer.flush))
    runner.launch(lambda: every(5.0, poller.poll_once))
    yield


app = FastAPI(lifespan=lifespan)
