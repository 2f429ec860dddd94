from __future__ import annotations

import logging
from datetime import datetime

from svc.services.carrier_gateway import CarrierGateway, PickupConfirmation

logger = logging.getLogger(__name__)


class PickupScheduler:
    """Books courier pickups and remembers confirmations for the current day."""

    def __init__(self, gateway: CarrierGateway) -> None:
        self._gateway = gateway
        self._booked: dict[str, PickupConfirmation] = {}

    def booked_for(self, tracking_number: str) -> PickupConfirmation | None:
        return self._booked.get(tracking_number)

    async def book(
        self,
        carrier_code: str,
        tracking_number: str,
        window_start: datetime,
        window_end: datetime,
    ) -> PickupConfirmation:
        if tracking_number in self._booked:
            return self._booked[tracking_number]
        confirmation = await self._gateway.book_pickup(carrier_code, tracking_number, window_start, window_end)
        logger.info("pickup %s booked for %s", confirmation.confirmation_id, tracking_number)
        self._booked[tracking_number] = confirmation
        return confirmation

    def forget_before(self, cutoff: datetime) -> int:
        stale = [tn for tn, c in self._booked.items() if c.window_end < cutoff]
        for tn in stale:
            del self._booked[tn]
        return len(stale)
