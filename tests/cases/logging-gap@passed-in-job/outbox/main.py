import asyncio
from contextlib import asynccontextmanager

import asyncpg
import httpx
from fastapi import FastAPI

from outbox.sender import Outbox, Sender
from outbox.worker import OutboxWorker


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/outbox")
    http = httpx.AsyncClient(base_url="https://hooks.example", timeout=5.0)
    app.state.sender = Sender(http)
    task = asyncio.create_task(OutboxWorker(Outbox(pool), app.state.sender).run())
    yield
    task.cancel()
    await http.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/hooks/test")
async def test_hook(url: str) -> dict:
    try:
        status = await app.state.sender.deliver(url, {"test": True})
    except (ConnectionError, TimeoutError):
        pass
    else:
        return {"status": status}
    return {"status": 0}
