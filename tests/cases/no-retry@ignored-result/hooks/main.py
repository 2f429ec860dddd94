import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from hooks.relay import PENDING_HOOKS, relay_hooks, relay_pages
from hooks.senders import HookSender, Pager


@asynccontextmanager
async def lifespan(app: FastAPI):
    tasks = [asyncio.create_task(relay_hooks(HookSender())), asyncio.create_task(relay_pages(Pager()))]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/hooks")
async def queue_hook(url: str, body: str) -> dict[str, int]:
    PENDING_HOOKS.append((url, body.encode()))
    return {"queued": len(PENDING_HOOKS)}
