"""Partner courier API: rates and tracking, one shared session, no breaker."""
from decimal import Decimal

import aiohttp


class PartnerClient:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=8))

    async def close(self) -> None:
        await self._session.close()

    async def rate(self, origin: str, destination: str) -> Decimal:
        async with self._session.get("/rates", params={"from": origin, "to": destination}) as resp:
            resp.raise_for_status()
            return Decimal(str((await resp.json())["amount"]))

    async def events(self, reference: str) -> list[dict]:
        async with self._session.get(f"/parcels/{reference}/events") as resp:  # expect: no-circuit-breaker
            resp.raise_for_status()
            return list((await resp.json())["events"])
