"""Quotes API; the refresher is handed to a small scheduler of the project."""
from contextlib import asynccontextmanager
from decimal import Decimal

from fastapi import FastAPI

from quotes.clients.fx import RatesClient, RatesRefresher
from quotes.scheduler import Scheduler

rates = RatesClient("https://fx.example")


@asynccontextmanager
async def lifespan(app: FastAPI):
    await rates.load_fees()
    scheduler = Scheduler()
    scheduler.add("fx", RatesRefresher(rates).run)
    yield
    await scheduler.stop()


app = FastAPI(lifespan=lifespan)


@app.get("/quote")
async def quote(amount: Decimal, currency: str) -> dict[str, str]:
    return {"amount": str(rates.convert(amount, currency))}
