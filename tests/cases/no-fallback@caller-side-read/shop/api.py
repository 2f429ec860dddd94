from __future__ import annotations

import aiohttp
from fastapi import FastAPI

from shop.remote import FxApi, ReviewsApi, StatsApi
from shop.services import CatalogService, LeagueService, PricingService

app = FastAPI()
catalog = CatalogService(ReviewsApi(aiohttp.ClientSession(base_url="https://reviews.example.com",
                                                          timeout=aiohttp.ClientTimeout(total=5))))
leagues = LeagueService(StatsApi("https://stats.example.com"))
pricing = PricingService(FxApi("https://fx.example.com"))


@app.get("/products/{product_id}")
async def product(product_id: int) -> dict:
    return await catalog.product_page(product_id)


@app.get("/leagues/{league}")
async def league(league: str) -> object:
    return await leagues.table(league)


@app.get("/price")
async def price(amount: float, pair: str) -> dict:
    return {"price": await pricing.price(amount, pair)}
