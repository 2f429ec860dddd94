"""Clients of the rates provider; the app keeps one of each for the process."""
import httpx


class RatesClient:
    """`refresh` is run by the scheduler by name; nothing in this code calls it."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def rate(self, pair: str) -> float:
        client = httpx.AsyncClient(base_url=self._base, timeout=5.0)  # expect: connection-management
        try:
            resp = await client.get(f"/v1/rates/{pair}")
            resp.raise_for_status()
            return float(resp.json()["rate"])
        finally:
            await client.aclose()

    async def refresh(self, pairs: list[str]) -> dict[str, float]:
        out: dict[str, float] = {}
        for pair in pairs:
            out[pair] = await self.rate(pair)
        return out


class SharedRatesClient:
    """The same loop over a client the application passes in: one connection pool for all."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def rate(self, pair: str) -> float:
        resp = await self._http.get(f"/v1/rates/{pair}")
        resp.raise_for_status()
        return float(resp.json()["rate"])

    async def refresh(self, pairs: list[str]) -> dict[str, float]:
        return {pair: await self.rate(pair) for pair in pairs}


class BatchRatesClient:
    """One client per batch, opened by the uncalled method around its loop."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def refresh(self, pairs: list[str]) -> dict[str, float]:
        client = httpx.AsyncClient(base_url=self._base, timeout=5.0)
        try:
            out: dict[str, float] = {}
            for pair in pairs:
                out[pair] = float((await client.get(f"/v1/rates/{pair}")).json()["rate"])
            return out
        finally:
            await client.aclose()
