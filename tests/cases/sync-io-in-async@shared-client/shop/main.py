"""Checkout API."""
import asyncio

from fastapi import FastAPI

from shop.clients.tax import RatesClient, TaxClient
from shop.services import pricing

app = FastAPI()
tax = TaxClient("https://tax.example.com")
rates = RatesClient("https://rates.example.com")


@app.post("/checkout/{region}")
async def checkout(region: str, lines: list[tuple[int, int]]) -> dict[str, int]:
    return {"total": pricing.price_cart(lines, region, tax)}


@app.post("/refunds/{region}")
async def refund(region: str, amount: int) -> dict[str, int]:
    return {"tax": await asyncio.to_thread(pricing.refund_tax, amount, region, tax)}


@app.get("/rates/{region}")
async def rate(region: str) -> dict[str, float]:
    return {"rate": pricing.regional_rate(region, rates)}  # expect: sync-io-in-async


@app.get("/rates/{region}/offloaded")
async def rate_offloaded(region: str) -> dict[str, float]:
    return {"rate": await asyncio.to_thread(pricing.regional_rate, region, rates)}
