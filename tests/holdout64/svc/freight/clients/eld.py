from __future__ import annotations

import logging
from datetime import datetime

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)


class EldClient:
    """Gateway to the ELD aggregator that fronts the carriers' telematics providers."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url)

    async def close(self) -> None:
        await self._http.aclose()

    async def fetch_positions(self, device_ids: list[str], since: datetime) -> list[dict]:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(4),
            wait=wait_exponential(multiplier=0.5, max=8),
            retry=retry_if_exception_type(httpx.TransportError),
            reraise=True,
        ):
            with attempt:
                resp = await self._http.post(
                    "/v1/positions/query", json={"devices": device_ids, "since": since.isoformat()}
                )
                resp.raise_for_status()
        return resp.json()["positions"]

    async def push_assignment(self, device_id: str, load_reference: str, stops: list[dict]) -> None:
        resp = await self._http.put(
            f"/v1/devices/{device_id}/assignment", json={"load": load_reference, "stops": stops}
        )
        resp.raise_for_status()
