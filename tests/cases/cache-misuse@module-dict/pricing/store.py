"""Tariff rows as the settings service returns them."""
from __future__ import annotations

import httpx


async def load_tariff(client: httpx.AsyncClient, region: str) -> dict[str, int]:
    response = await client.get(f"/tariffs/{region}")
    response.raise_for_status()
    return response.json()


async def load_labels(client: httpx.AsyncClient, region: str) -> list[str]:
    response = await client.get(f"/labels/{region}")
    response.raise_for_status()
    return list(response.json())
