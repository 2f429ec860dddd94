"""Routes: one process-wide service, as an app built at import time holds it."""
from __future__ import annotations

from fastapi import FastAPI

from catalog.repository import ListingRepository
from catalog.service import ListingService

app = FastAPI()
repo = ListingRepository()
listings = ListingService(repo)


@app.on_event("startup")
async def startup() -> None:
    await repo.connect("postgresql://catalog")


@app.get("/listings/{listing_id}")
async def get_listing(listing_id: int) -> dict:
    return await listings.card(listing_id)


@app.put("/listings/{listing_id}/price")
async def put_price(listing_id: int, price_minor: int) -> None:
    await listings.update_price(listing_id, price_minor)
    await listings.reprice_recent(listing_id, price_minor)


@app.post("/listings/{listing_id}/publish")
async def publish(listing_id: int, price_minor: int) -> None:
    await listings.publish(listing_id, price_minor)


@app.post("/admin/sweep")
async def sweep() -> None:
    listings.sweep()
