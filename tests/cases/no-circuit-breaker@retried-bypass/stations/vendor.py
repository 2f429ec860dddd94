"""The sensor vendor's cloud API: calibration sheets, firmware manifests, raw readings."""
from typing import Any

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from stations.guards import Breaker, retry_async


class VendorClient:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._breaker = Breaker("vendor")

    async def _get(self, path: str) -> Any:
        async with self._session.get(f"{self._base}{path}") as resp:
            resp.raise_for_status()
            return await resp.json()

    async def calibration(self, station_id: str) -> dict:
        return await self._breaker.call(self._get, f"/stations/{station_id}/calibration")

    async def _download(self, path: str) -> bytes:
        async with self._session.get(f"{self._base}{path}") as resp:
            resp.raise_for_status()
            return await resp.read()

    async def firmware(self, model: str) -> bytes:
        # retried around the breaker, the breaker around the request: guarded
        return await retry_async(self._breaker.call, self._download, f"/firmware/{model}.bin", attempts=2)

    @retry(retry=retry_if_exception_type(aiohttp.ClientError), stop=stop_after_attempt(5),
           wait=wait_exponential_jitter(initial=1, max=20), reraise=True)
    async def readings(self, station_id: str, since: str) -> list[dict]:
        async with self._session.get(f"{self._base}/stations/{station_id}/readings",  # expect: no-circuit-breaker
                                     params={"since": since}) as resp:
            resp.raise_for_status()
            return (await resp.json())["items"]


class ArchiveClient:
    """Most methods go through the breaker; the one that does not is not retried either and
    only background work calls it: silent."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self._breaker = Breaker("archive")

    async def _put(self, path: str, body: dict) -> None:
        async with self._session.put(f"{self._base}{path}", json=body) as resp:
            resp.raise_for_status()

    async def store_day(self, station_id: str, day: str, rows: list[dict]) -> None:
        await self._breaker.call(self._put, f"/days/{station_id}/{day}", {"rows": rows})

    async def store_summary(self, station_id: str, summary: dict) -> None:
        await self._breaker.call(self._put, f"/summaries/{station_id}", summary)

    async def store_note(self, station_id: str, note: str) -> None:
        async with self._session.put(f"{self._base}/notes/{station_id}", json={"note": note}) as resp:
            resp.raise_for_status()
