"""Reporting API."""
from __future__ import annotations

from decimal import Decimal

from fastapi import FastAPI

from .rates import RatesClient, RatesService
from .reports import ReportService

app = FastAPI()
client = RatesClient("https://rates.example")
rates = RatesService(client)
reports = ReportService(client)


@app.get("/rates/{base}")
async def live_rates(base: str) -> dict[str, Decimal]:
    return await rates.live(base)


@app.get("/receivables")
async def receivables(target: str = "EUR") -> dict[str, Decimal]:
    return {"total": await reports.total({"EUR": Decimal(10), "USD": Decimal(5)}, target)}
