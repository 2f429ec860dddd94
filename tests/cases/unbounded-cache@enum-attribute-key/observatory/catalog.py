"""Telescope catalogue: capabilities cached per backend kind, forecasts cached per site."""
from __future__ import annotations

from enum import Enum

import asyncpg
import httpx


class Backend(Enum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


class Store:
    def __init__(self, pool: asyncpg.Pool, backend: Backend) -> None:
        self.pool = pool
        self.backend = backend


_CAPABILITIES: dict[str, list[str]] = {}
_FORECASTS: dict[str, dict] = {}  # expect: unbounded-cache


async def capabilities(store: Store) -> list[str]:
    key = store.backend.value
    found = _CAPABILITIES.get(key)
    if found is None:
        found = [row["name"] for row in await store.pool.fetch("SELECT name FROM capabilities")]
        _CAPABILITIES[key] = found
    return found


async def forecast(client: httpx.AsyncClient, site: str) -> dict:
    found = _FORECASTS.get(site)
    if found is None:
        found = (await client.get(f"/forecast/{site}")).json()
        _FORECASTS[site] = found
    return found
