"""Client for the global distribution system (schedules, availability, PNR sync)."""
from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

import httpx

from ..errors import PartnerError
from ..observability import PARTNER_LATENCY
from ..utils.resilience import retry_async
from ..utils.resilience import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)


class GdsClient:
    def __init__(self, base_url: str, api_key: str, timeout: float = 8.0) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"X-Api-Key": api_key, "Accept": "application/json"},
            timeout=httpx.Timeout(timeout, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("gds", failure_threshold=5, reset_after=20)

    async def close(self) -> None:
        await self._client.aclose()

    async def _get(self, path: str, **params: Any) -> Any:
        started = time.perf_counter()

        async def do() -> httpx.Response:
            resp = await self._client.get(path, params=params)
            resp.raise_for_status()
            return resp

        try:
            resp = await self._breaker.call(lambda: retry_async(do, attempts=3))
        except CircuitOpen as exc:
            raise PartnerError("GDS temporarily unavailable", partner="gds") from exc
        except httpx.HTTPError as exc:
            log.warning("gds GET %s failed: %s", path, exc)
            raise PartnerError("GDS request failed", partner="gds") from exc
        finally:
            PARTNER_LATENCY.labels("gds", path.split("/")[1]).observe(time.perf_counter() - started)
        return resp.json()

    async def schedule(self, carrier: str, day: date) -> list[dict[str, Any]]:
        data = await self._get(f"/schedules/{carrier}", date=day.isoformat())
        return data["flights"]

    async def availability(self, flight_no: str, day: date) -> dict[str, int]:
        data = await self._get(f"/availability/{flight_no}", date=day.isoformat())
        return {row["cabin"]: int(row["seats"]) for row in data["cabins"]}

    async def availability_bulk(self, flight_nos: list[str], day: date) -> dict[str, dict[str, int]]:
        data = await self._get("/availability", flights=",".join(flight_nos), date=day.isoformat())
        return {
            item["flight_no"]: {row["cabin"]: int(row["seats"]) for row in item["cabins"]}
            for item in data["items"]
        }

    async def push_inventory(self, flight_no: str, day: date, counts: dict[str, int]) -> None:
        resp = await self._client.post(
            f"/inventory/{flight_no}",
            json={"date": day.isoformat(), "cabins": counts},
        )
        resp.raise_for_status()
