"""The public plugin registry, with a copy bundled in the package for known views."""
from __future__ import annotations

import json
from pathlib import Path

import httpx

KNOWN_VIEWS = {"workers": "https://registry.example/views/workers.json",
               "blocks": "https://registry.example/views/blocks.json"}
_BUNDLED = Path(__file__).parent / "bundled"


async def registry_view(view: str) -> dict:
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.get(KNOWN_VIEWS[view])
            response.raise_for_status()
            return response.json()
    except Exception:
        if view not in KNOWN_VIEWS:
            raise
        bundled = _BUNDLED / f"{view}.json"
        if not bundled.exists():
            raise
        data = json.loads(bundled.read_text())
        return data


async def download_count(name: str) -> int:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(f"https://registry.example/stats/{name}")  # expect: no-fallback
        response.raise_for_status()
        return int(response.json()["downloads"])
