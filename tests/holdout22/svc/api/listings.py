"""Public listing search, landlord publishing and the live watcher counter."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, WebSocket
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
import requests

from svc.api.deps import Landlord, Session, User, listing_service
from svc.config import settings
from svc.db.models import Listing
from svc.errors import NotFound
from svc.services.listings import ListingService

router = APIRouter(prefix="/listings", tags=["listings"])
Listings = Annotated[ListingService, Depends(listing_service)]


class ListingIn(BaseModel):
    title: str = Field(max_length=200)
    description: str = Field(max_length=20_000)
    street: str
    city: str
    postal_code: str
    bedrooms: int = Field(ge=0, le=20)
    monthly_rent: Decimal = Field(gt=0)


@router.get("")
async def search(
    service: Listings,
    city: str | None = None,
    min_rent: Decimal | None = None,
    max_rent: Decimal | None = None,
    after_id: int | None = None,
    limit: int = Query(20, le=100),
) -> list[dict[str, Any]]:
    return await service.search_cards(city, min_rent, max_rent, after_id, limit, saved_ids=frozenset())


@router.get("/map")
async def map_view(service: Listings, south: float, west: float, north: float, east: float) -> list[dict[str, Any]]:
    return await service.map_cards(south, west, north, east)


@router.get("/text")
async def text_search(service: Listings, q: str = Query(min_length=3, max_length=200), limit: int = Query(20, le=50)) -> list[dict[str, Any]]:
    return await service.text_search(q, limit)


@router.get("/import-template", response_class=PlainTextResponse)
def import_template() -> str:
    return Path(settings.listing_template_path).read_text(encoding="utf-8")


@router.get("/{listing_id}")
async def detail(listing_id: int, service: Listings, request: Request) -> dict[str, Any]:
    return await service.detail(listing_id, None, request.headers.get("referer"))


@router.get("/{listing_id}/neighbourhood")
def neighbourhood(listing_id: int, lat: float, lon: float) -> dict[str, Any]:
    resp = requests.get(settings.walkscore_url, params={"lat": lat, "lon": lon, "format": "json"})
    resp.raise_for_status()
    body = resp.json()
    return {"listing_id": listing_id, "walk": body.get("walkscore"), "transit": body.get("transit", {}).get("score")}


@router.post("", status_code=201)
async def publish(body: ListingIn, user: Landlord, session: Session, service: Listings) -> dict[str, int]:
    listing = await service.publish(session, user.id, body.model_dump())
    return {"id": listing.id}


@router.patch("/{listing_id}/address")
async def move(listing_id: int, street: str, user: Landlord, session: Session, service: Listings) -> dict[str, float]:
    listing = await session.get(Listing, listing_id)
    if listing is None or listing.landlord_id != user.id:
        raise NotFound("listing not found")
    listing = await service.relocate(session, listing, street)
    return {"latitude": listing.latitude, "longitude": listing.longitude}


@router.get("/{listing_id}/payment")
async def payment_estimate(listing_id: int, user: User, price: Decimal, down_payment: Decimal, request: Request) -> dict[str, str | None]:
    estimate = request.app.state.rates.monthly_payment(price - down_payment, "30y_fixed")
    return {"listing_id": str(listing_id), "monthly_payment": str(estimate) if estimate is not None else None}

_watchers: defaultdict[int, set[WebSocket]] = defaultdict(set)


async def _announce(listing_id: int) -> None:
    count = len(_watchers[listing_id])
    for socket in list(_watchers[listing_id]):
        await socket.send_json({"listing_id": listing_id, "watching": count})


@router.websocket("/{listing_id}/watch")
async def watch_listing(websocket: WebSocket, listing_id: int) -> None:
    await websocket.accept()
    _watchers[listing_id].add(websocket)
    await _announce(listing_id)
    while True:
        await websocket.receive_text()
