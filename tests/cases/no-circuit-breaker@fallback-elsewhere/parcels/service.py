import logging
from decimal import Decimal

import aiohttp

from parcels.partner import PartnerClient

logger = logging.getLogger(__name__)
TABLE_RATE = Decimal("4.90")


class ParcelService:
    def __init__(self, partner: PartnerClient) -> None:
        self._partner = partner

    async def price(self, origin: str, destination: str) -> Decimal:
        try:
            return await self._partner.rate(origin, destination)
        except aiohttp.ClientError:
            logger.warning("partner rates unavailable, using the table rate")
            return TABLE_RATE

    async def track(self, reference: str) -> list[dict]:
        return await self._partner.events(reference)
