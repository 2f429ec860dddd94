"""Wiring: three outbox workers started beside the API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .fax_outbox import fax_loop, priority_loop
from .gateways import FaxRelay, PayoutRail, Spooler
from .labels import label_loop, urgent_loop
from .payouts import PayoutRunner


class Store:
    async def queued_faxes(self) -> list:
        return []

    async def priority_faxes(self) -> list:
        return []

    async def mark_failed(self, fax_id: int) -> None:
        return None

    def schedule_backoff(self, fax_id: int, attempts: int) -> None:
        return None

    async def approved_payouts(self) -> list:
        return []

    async def pending_labels(self) -> list:
        return []

    async def urgent_labels(self) -> list:
        return []

    async def fail(self, label_id: int, error: str, requeue: bool = False) -> None:
        return None

    async def done(self, label_id: int) -> None:
        return None

    async def flush(self) -> None:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    store = Store()
    tasks = [
        asyncio.create_task(fax_loop(store, FaxRelay("https://fax.example"))),
        asyncio.create_task(priority_loop(store, FaxRelay("https://fax-priority.example"))),
        asyncio.create_task(PayoutRunner(store, PayoutRail("https://rail.example")).run()),
        asyncio.create_task(label_loop(store, Spooler("https://spool.example"))),
        asyncio.create_task(urgent_loop(store, Spooler("https://spool-urgent.example"))),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)
