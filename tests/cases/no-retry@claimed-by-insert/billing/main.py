from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from billing.exports import Exporter, monthly
from billing.ledger import LedgerClient
from billing.repo import ExportRepository


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://billing")
    exporter = Exporter(ExportRepository(pool), LedgerClient("https://ledger.example"))
    task = asyncio.create_task(monthly(exporter, ["a", "b"]))
    yield
    task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)
