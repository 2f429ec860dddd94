"""The depot's nightly close: the carrier's day close and the customs filing."""
from __future__ import annotations

import asyncio
import logging

from yard.freight import CustomsBroker, FreightCarrier

log = logging.getLogger(__name__)


class NightlyClose:
    def __init__(self, carrier: FreightCarrier, broker: CustomsBroker, depots: list[str]) -> None:
        self._carrier = carrier
        self._broker = broker
        self._depots = depots

    async def run(self) -> None:
        while True:
            await asyncio.sleep(86400)
            try:
                await self.close_all()
            except Exception:
                log.exception("nightly close failed")

    async def close_all(self) -> None:
        for depot in self._depots:
            await self._carrier.close_day(depot, [])
            await self._broker.file_declarations(depot, [])
