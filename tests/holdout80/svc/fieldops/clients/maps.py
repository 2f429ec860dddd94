from __future__ import annotations

import threading
import time

import httpx

from fieldops.errors import UpstreamUnavailable


class MapsClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, params={"key": api_key}, timeout=httpx.Timeout(4.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def drive_minutes(self, origin: tuple[float, float], dest: tuple[float, float]) -> float:
        resp = await self._http.get(
            "/directions",
            params={"origin": f"{origin[0]},{origin[1]}", "destination": f"{dest[0]},{dest[1]}"},
        )
        if resp.status_code >= 500:
            raise UpstreamUnavailable("maps provider error")
        resp.raise_for_status()
        return resp.json()["routes"][0]["duration_seconds"] / 60.0

    async def geocode(self, address: str) -> tuple[float, float] | None:
        resp = await self._http.get("/geocode", params={"address": address})
        resp.raise_for_status()
        results = resp.json().get("results") or []
        if not results:
            return None
        loc = results[0]["location"]
        return loc["lat"], loc["lng"]


# Address -> (lat, lng). Sites rarely move, so lookups are remembered for the life of the process.
_geocode_cache: dict[str, tuple[float, float] | None] = {}

_quota_lock = threading.Lock()
_calls_this_second = 0
_window_started = time.monotonic()
_MAX_PER_SECOND = 10


def _normalise(address: str) -> str:
    return " ".join(address.lower().split())


class Geocoder:
    def __init__(self, maps: MapsClient) -> None:
        self._maps = maps

    async def locate(self, address: str) -> tuple[float, float] | None:
        global _calls_this_second, _window_started
        key = _normalise(address)
        if key in _geocode_cache:
            return _geocode_cache[key]
        with _quota_lock:
            now = time.monotonic()
            if now - _window_started >= 1.0:
                _window_started, _calls_this_second = now, 0
            if _calls_this_second >= _MAX_PER_SECOND:
                raise UpstreamUnavailable("geocoding quota exhausted, retry shortly")
            _calls_this_second += 1
            result = await self._maps.geocode(address)
        _geocode_cache[key] = result
        return result
