"""Weather and NOTAM facts used by the task board and stand planning."""
from __future__ import annotations

import json
import logging
from typing import Any

from redis.asyncio import Redis

from apron.clients.weather import WeatherClient
from apron.utils.circuit import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)

ICAO = {"MAN": "EGCC", "EDI": "EGPH", "BHX": "EGBB", "LHR": "EGLL"}


class WeatherService:
    def __init__(self, client: WeatherClient, redis: Redis) -> None:
        self._client = client
        self._redis = redis
        self._notam_breaker = CircuitBreaker("notam", failure_threshold=4, reset_after_s=45)

    async def current(self, airport: str) -> dict[str, Any]:
        icao = ICAO[airport]
        cached = await self._redis.get(f"metar:{icao}")
        if cached:
            return json.loads(cached)
        data = await self._client.metar(icao)
        await self._redis.set(f"metar:{icao}", json.dumps(data))
        return data

    async def closed_stands(self, airport: str) -> set[str]:
        icao = ICAO[airport]
        items = await self._notam_breaker.call(lambda: self._client.notams(icao))
        closed = set()
        for item in items:
            if item.get("subject") == "STAND" and item.get("condition") == "CLOSED":
                closed.update(item.get("stands", []))
        await self._redis.set(f"notam:closed:{icao}", json.dumps(sorted(closed)), ex=6 * 3600)
        return closed

    async def closed_stands_or_last_known(self, airport: str) -> set[str]:
        try:
            return await self.closed_stands(airport)
        except CircuitOpen:
            log.warning("notam breaker open, using last known closures for %s", airport)
        except Exception:
            log.exception("notam lookup failed for %s, using last known closures", airport)
        cached = await self._redis.get(f"notam:closed:{ICAO[airport]}")
        return set(json.loads(cached)) if cached else set()
