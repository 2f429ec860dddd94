"""Wiring: scheduled jobs start with the API."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from datetime import time

from fastapi import FastAPI

from tally.clients import LedgerApi, Publisher, RatesApi
from tally.jobs import NightlyTotals, push_entries, refresh_rates
from tally.schedule import AtTime, Periodic, run_at, run_periodic


class Repo:
    async def totals_csv(self) -> bytes:
        return b""

    async def unposted(self) -> list:
        return []

    async def mark_failed(self, entry_id: int) -> None:
        return None

    async def mark_posted(self, entry_id: int) -> None:
        return None

    async def store_rates(self, rates: dict) -> None:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    repo, stop = Repo(), asyncio.Event()
    ledger, rates = LedgerApi("https://ledger.example"), RatesApi("https://rates.example")
    tasks = [
        asyncio.create_task(run_at(AtTime(NightlyTotals(repo, Publisher("https://files.example")), time(2, 0)), stop)),
        asyncio.create_task(run_periodic(Periodic("ledger", lambda: push_entries(repo, ledger), 60), stop)),
        asyncio.create_task(run_periodic(Periodic("rates", lambda: refresh_rates(repo, rates), 30), stop)),
    ]
    yield
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)


app = FastAPI(lifespan=lifespan)
