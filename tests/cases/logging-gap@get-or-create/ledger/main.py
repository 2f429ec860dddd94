import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from ledger.bank import Bank
from ledger.checks import settle_queue
from ledger.db import connect
from ledger.repo import WalletRepo
from ledger.service import WalletService

queue: asyncio.Queue = asyncio.Queue(maxsize=100)


@asynccontextmanager
async def lifespan(app: FastAPI):
    await connect("postgresql://ledger")
    http = httpx.AsyncClient(base_url="https://bank.example.com", timeout=10)
    service = WalletService(Bank(http), WalletRepo())
    task = asyncio.create_task(settle_queue(queue, service, {"enum": ["EUR", "USD"]}))
    yield
    task.cancel()
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/transfers")
async def transfer(body: dict) -> dict:
    await queue.put(body)
    return {"queued": True}
