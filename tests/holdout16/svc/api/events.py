"""Tracking endpoints: impression beacons, click redirects and conversion postbacks."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Final

from fastapi import APIRouter, Depends, HTTPException, Query, status

from svc.deps import get_ingestor
from svc.schemas import ClickEvent, ConversionEvent, ImpressionEvent
from svc.services.events import EventIngestor

router = APIRouter(prefix="/t", tags=["tracking"])

_ALLOWED_SOURCES: Final = frozenset({"display", "video", "native", "ctv"})
_last_event_at: dict[str, datetime] = {}


@router.post("/impression", status_code=status.HTTP_202_ACCEPTED)
async def impression(
    event: ImpressionEvent,
    source: str = Query("display"),
    ingestor: EventIngestor = Depends(get_ingestor),
) -> None:
    if source not in _ALLOWED_SOURCES:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=f"unknown source {source}")
    _last_event_at[source] = datetime.now(timezone.utc)
    await ingestor.submit_impression(event)


@router.post("/click", status_code=status.HTTP_202_ACCEPTED)
async def click(event: ClickEvent, ingestor: EventIngestor = Depends(get_ingestor)) -> dict[str, bool]:
    return {"recorded": await ingestor.record_click(event)}


@router.post("/conversion", status_code=status.HTTP_202_ACCEPTED)
async def conversion(event: ConversionEvent, ingestor: EventIngestor = Depends(get_ingestor)) -> dict[str, bool]:
    return {"recorded": await ingestor.record_conversion(event)}


@router.get("/freshness")
async def freshness() -> dict[str, str]:
    """Time of the last impression received per source, for the on-call dashboard."""
    return {source: seen.isoformat() for source, seen in _last_event_at.items()}
