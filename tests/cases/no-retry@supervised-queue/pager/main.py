"""Wiring: the dispatchers run under the supervisor, handed over by reference."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from pager.runtime import supervise
from pager.services import PushGateway, PushOutbox, SmsGateway, SmsOutbox


@asynccontextmanager
async def lifespan(app: FastAPI):
    sms = SmsOutbox(SmsGateway())
    push = PushOutbox(PushGateway())
    app.state.sms, app.state.push = sms, push
    tasks = [
        asyncio.create_task(supervise("sms", sms.run)),
        asyncio.create_task(supervise("push", push.run)),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/alerts")
async def alert(payload: dict, request: Request) -> dict:
    request.app.state.sms.submit(payload["phone"], payload["text"])
    request.app.state.push.submit(payload["device"], payload["text"])
    return {"queued": True}
