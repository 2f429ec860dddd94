"""Public catalog and search endpoints."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query

from svc.api.deps import get_calendar_service, get_property_service
from svc.db.models import Room
from svc.services.properties import PropertyService, manifest_photos
from svc.services.search import CalendarService

router = APIRouter()


@router.get("/properties/{property_id}")
async def property_detail(property_id: int, service: PropertyService = Depends(get_property_service)) -> dict:
    return await service.detail(property_id)


@router.get("/properties/{property_id}/card")
async def property_card(property_id: int, service: PropertyService = Depends(get_property_service)) -> dict:
    card = await service.card(property_id)
    return {"id": card.id, "name": card.name, "city": card.city, "cover": card.cover_url}


@router.get("/properties/{property_id}/gallery")
def property_gallery(property_id: int) -> dict:
    return {"photos": manifest_photos(property_id)}


@router.get("/search/properties")
async def search_properties(
    city: str | None = None,
    q: str | None = Query(default=None, min_length=2),
    service: PropertyService = Depends(get_property_service),
) -> list[dict]:
    return await service.search(city, q)


@router.get("/search/rooms/{room_id}/calendar")
async def room_calendar(
    room_id: int, start: date, end: date, calendars: CalendarService = Depends(get_calendar_service)
) -> list[dict]:
    return await calendars.room_calendar(room_id, start, end, blocked=[])


@router.get("/search/properties/{property_id}/calendar")
async def property_calendar(
    property_id: int, start: date, end: date, calendars: CalendarService = Depends(get_calendar_service)
) -> dict:
    return await calendars.property_calendar(property_id, start, end)


@router.get("/search/properties/{property_id}/calendar/v2")
async def property_calendar_v2(
    property_id: int, start: date, end: date, calendars: CalendarService = Depends(get_calendar_service)
) -> dict:
    return await calendars.property_calendar_batched(property_id, start, end)


@router.get("/search/quote")
async def quote(
    room_id: int, property_id: int, start: date, end: date, currency: str = "EUR",
    calendars: CalendarService = Depends(get_calendar_service),
) -> dict:
    room = Room(id=room_id, property_id=property_id)
    total = await calendars.quote(room, start, end, currency)
    return {"room_id": room_id, "total": str(total), "currency": currency}


@router.get("/search/quote/v2")
async def quote_v2(
    room_id: int, property_id: int, start: date, end: date, currency: str = "EUR",
    calendars: CalendarService = Depends(get_calendar_service),
) -> dict:
    room = Room(id=room_id, property_id=property_id)
    total = await calendars.quote_with_fallback(room, start, end, currency)
    return {"room_id": room_id, "total": str(total), "currency": currency}
