"""Market data clients."""
import httpx

from quotes.retrying import Breaker, timed, with_retry


class SpotClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self._breaker = Breaker(3)

    async def _get(self, path: str, params: dict) -> dict:
        async def attempt() -> dict:
            resp = await self._http.get(path, params=params)
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(lambda: with_retry(attempt, attempts=4))

    async def spot(self, asset: str) -> float:
        return float((await self._get("/spot", {"asset": asset}))["price"])


class RatesClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def _get(self, path: str) -> dict:
        async def once() -> dict:
            resp = await self._http.get(path)  # expect: no-retry
            resp.raise_for_status()
            return resp.json()

        return await timed(once, f"rates {path}")

    async def rate(self, pair: str) -> float:
        return float((await self._get(f"/rates/{pair}"))["rate"])
