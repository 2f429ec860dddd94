"""The package index the mirror copies from, and the local store."""
import asyncpg
import httpx

from mirror.errors import NotFoundError, UpstreamError


class PackageIndex:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=30)

    async def listing(self) -> list[dict]:
        try:
            response = await self._client.get("/simple/index.json")
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpstreamError("index listing failed") from exc
        return list(response.json()["packages"])

    async def download(self, path: str) -> bytes:
        try:
            response = await self._client.get(path)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpstreamError(f"download of {path} failed") from exc
        return response.content


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def owner_of(self, name: str) -> str:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow("SELECT owner FROM packages WHERE name = $1", name)
        if row is None:
            raise NotFoundError(name)
        return row["owner"]

    async def save(self, name: str, data: bytes) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("INSERT INTO blobs (name, data) VALUES ($1, $2)", name, data)
