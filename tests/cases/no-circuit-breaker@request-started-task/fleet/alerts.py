"""Alert evaluation, run in a task for every telemetry batch."""
from __future__ import annotations

import logging

from .geo import Geocoder

log = logging.getLogger(__name__)


class AlertService:
    def __init__(self, geocoder: Geocoder) -> None:
        self._geocoder = geocoder

    async def evaluate(self, device: str, lat: float, lon: float, speed: float) -> None:
        if speed > 130:
            place = await self._describe(lat, lon)
            log.warning("device %s speeding near %s", device, place)

    async def _describe(self, lat: float, lon: float) -> str:
        try:
            return await self._geocoder.reverse(lat, lon)
        except Exception:
            return f"{lat:.5f},{lon:.5f}"
