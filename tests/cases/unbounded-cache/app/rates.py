"""Caches: unbounded ones and bounded look-alikes."""
from __future__ import annotations

import functools

import cachetools
import httpx

_symbol_cache: dict[str, dict] = {}  # expect: unbounded-cache


def symbol_info(symbol: str) -> dict:
    if symbol not in _symbol_cache:
        _symbol_cache[symbol] = httpx.get(f"https://ref/{symbol}").json()
    return dict(_symbol_cache[symbol])


_bounded_cache: dict[str, dict] = {}


def bounded_info(symbol: str) -> dict:
    if len(_bounded_cache) > 1000:
        _bounded_cache.clear()
    if symbol not in _bounded_cache:
        _bounded_cache[symbol] = httpx.get(f"https://ref/{symbol}").json()
    return dict(_bounded_cache[symbol])


class Rates:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._rates: dict[str, float] = {}  # expect: unbounded-cache
        self._ttl = cachetools.TTLCache(maxsize=100, ttl=60)
        self._seen: dict[str, int] = {}

    async def rate(self, pair: str) -> float:
        cached = self._rates.get(pair)
        if cached is None:
            response = await self._client.get(f"/fx/{pair}")
            self._rates[pair] = response.json()["rate"]
            cached = self._rates[pair]
        return cached

    async def rate_ttl(self, pair: str) -> float:
        if pair not in self._ttl:
            response = await self._client.get(f"/fx/{pair}")
            self._ttl[pair] = response.json()["rate"]
        return self._ttl[pair]

    def count(self, pair: str) -> None:
        self._seen[pair] = self._seen.get(pair, 0) + 1

    @functools.lru_cache(maxsize=None)  # expect: unbounded-cache
    def spread(self, pair: str) -> float:
        return 0.01 if pair.endswith("USD") else 0.02

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def normalise(pair: str) -> str:
        return pair.upper()


class Sessions:
    def __init__(self) -> None:
        self._cache: dict[str, object] = {}

    def get(self, key: str, make) -> object:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def evict(self, key: str) -> None:
        self._cache.pop(key, None)


def close_session(sessions: Sessions, key: str) -> None:
    sessions.evict(key)


@functools.lru_cache(maxsize=None)
def parse_pair(pair: str) -> tuple[str, str]:
    return pair[:3], pair[3:]
