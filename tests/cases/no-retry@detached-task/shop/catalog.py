"""Catalogue refresh: a read that the next refresh simply repeats."""
import httpx

_catalog: dict[str, dict] = {}


async def refresh_catalog() -> None:
    async with httpx.AsyncClient(base_url="https://catalog.example.com", timeout=10.0) as client:
        resp = await client.get("/products")
    resp.raise_for_status()
    _catalog.update({p["sku"]: p for p in resp.json()})
