"""Internal services the page viewer calls."""
import httpx


class Renderer:
    """Rasterises pages; rendering a large page can take long, so the timeout was switched off."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def render(self, doc: str, page: int) -> bytes:
        resp = await self._http.get(f"/render/{doc}/{page}")  # expect: no-circuit-breaker
        resp.raise_for_status()
        return resp.content


class Thumbnails:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=3.0)

    async def thumbnail(self, doc: str) -> bytes:
        resp = await self._http.get(f"/thumbs/{doc}")
        resp.raise_for_status()
        return resp.content
