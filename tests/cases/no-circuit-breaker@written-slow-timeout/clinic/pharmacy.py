"""Formulary lookups: a short limit, so a slow pharmacy system fails fast on its own."""
from __future__ import annotations

import httpx


async def in_formulary(drug_code: str) -> bool:
    async with httpx.AsyncClient(timeout=3.0) as client:
        resp = await client.get(f"https://formulary.example.org/drugs/{drug_code}")
    resp.raise_for_status()
    return bool(resp.json()["listed"])


class Directory:
    """Provider directory on a process-lived client with httpx's default limit."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://directory.example.org")

    async def provider(self, npi: str) -> dict:
        resp = await self._http.get(f"/providers/{npi}")
        resp.raise_for_status()
        return resp.json()
