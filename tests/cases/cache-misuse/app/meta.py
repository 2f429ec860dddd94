"""Cached values handed out by reference, and copies beside them."""
from __future__ import annotations

import functools
import json

import httpx


class Meta:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._meta_cache: dict[str, dict] = {}
        self._names: dict[str, str] = {}

    def meta(self, symbol: str) -> dict:
        if symbol not in self._meta_cache:
            self._meta_cache[symbol] = self._client.get(f"/meta/{symbol}").json()
        return self._meta_cache[symbol]  # expect: cache-misuse

    def meta_copy(self, symbol: str) -> dict:
        if symbol not in self._meta_cache:
            self._meta_cache[symbol] = self._client.get(f"/meta/{symbol}").json()
        return dict(self._meta_cache[symbol])

    def name(self, symbol: str) -> str:
        if symbol not in self._names:
            self._names[symbol] = self._client.get(f"/name/{symbol}").text
        return self._names[symbol]

    def forget(self, symbol: str) -> None:
        self._meta_cache.pop(symbol, None)
        self._names.pop(symbol, None)


@functools.lru_cache(maxsize=32)
def load_symbols(path: str) -> list[str]:  # expect: cache-misuse
    with open(path) as handle:
        return [line.strip() for line in handle]


@functools.lru_cache(maxsize=32)
def load_config(path: str) -> dict:  # expect: cache-misuse
    with open(path) as handle:
        return json.loads(handle.read())


@functools.lru_cache(maxsize=32)
def load_symbol_tuple(path: str) -> tuple[str, ...]:
    with open(path) as handle:
        return tuple(line.strip() for line in handle)
