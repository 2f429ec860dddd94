"""Wiring: the three outbox workers run beside the API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .booking import BookingWorker
from .clients import CarrierClient, Ledger, Mailer
from .invoices import invoice_loop
from .ledger_sync import LedgerSync
from .repo import Repo


@asynccontextmanager
async def lifespan(app: FastAPI):
    repo = Repo()
    tasks = [
        asyncio.create_task(BookingWorker(repo, CarrierClient("https://carrier.example")).run()),
        asyncio.create_task(invoice_loop(repo, Mailer("https://mail.example"))),
        asyncio.create_task(LedgerSync(repo, Ledger("https://ledger.example")).run()),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
