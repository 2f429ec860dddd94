from __future__ import annotations

import logging
from datetime import date, datetime

from portops.clients.vessel_tracking import VesselTrackingClient

log = logging.getLogger(__name__)


class EtaPredictor:
    """Long-lived ETA lookups shared by every request through app.state."""

    def __init__(self, tracking: VesselTrackingClient) -> None:
        self._tracking = tracking
        self._cache: dict[tuple[str, date], datetime] = {}

    async def predict(self, imo: str, day: date) -> datetime:
        cached = self._cache.get((imo, day))
        if cached is not None:
            return cached
        eta = await self._tracking.predicted_eta(imo)
        self._cache[(imo, day)] = eta
        return eta
