"""Tracking pages: the public page calls whichever carrier carries the parcel."""
import logging
from typing import Protocol

import httpx

logger = logging.getLogger(__name__)


class EventSource(Protocol):
    async def tracking_events(self, reference: str) -> list[dict]: ...


class TrackingService:
    def __init__(self, carriers: dict[str, EventSource]) -> None:
        self._carriers = carriers

    async def public_page(self, carrier: str, reference: str) -> dict:
        source = self._carriers[carrier]
        events = await source.tracking_events(reference)  # expect: no-fallback
        return {"reference": reference, "events": events}

    async def merchant_page(self, carrier: str, reference: str) -> dict:
        source = self._carriers[carrier]
        try:
            events = await source.tracking_events(reference)
        except httpx.HTTPError:
            logger.warning("carrier %s unavailable, showing our own scans only", carrier)
            events = []
        return {"reference": reference, "events": events, "partial": not events}
