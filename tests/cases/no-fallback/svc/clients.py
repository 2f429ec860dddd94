"""Upstream clients."""
import httpx


class QuoteError(RuntimeError):
    pass


class QuoteClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://quotes.example.com", timeout=5)

    async def quote(self, symbol: str) -> dict:
        response = await self._client.get(f"/quotes/{symbol}")  # expect: no-fallback
        if response.status_code == 404:
            raise QuoteError(symbol)
        return response.json()


class NewsClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://news.example.com", timeout=5)

    async def headlines(self, symbol: str) -> list:
        return (await self._client.get(f"/news/{symbol}")).json()
