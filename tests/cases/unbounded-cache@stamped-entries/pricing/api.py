"""Pricing API."""
from __future__ import annotations

import httpx
from fastapi import FastAPI

from pricing.quotes import SupplierPrices, SupplierStock

app = FastAPI()
client = httpx.AsyncClient(base_url="https://supplier.example", timeout=5.0)
prices = SupplierPrices(client)
stock = SupplierStock(client)


@app.get("/skus/{sku}")
async def sku_view(sku: str) -> dict:
    return {"price": await prices.price(sku), "stock": await stock.stock(sku)}
