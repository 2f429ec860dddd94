"""Remote services the pay backend reads from."""
import aiohttp
import httpx


class RatesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def rate(self, currency: str) -> float:
        response = await self._http.get(f"/rates/{currency}")
        response.raise_for_status()
        return float(response.json()["rate"])


class LedgerClient:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def balance(self, account: str) -> int:
        async with self._session.get(f"https://ledger.internal/accounts/{account}") as resp:
            resp.raise_for_status()
            return (await resp.json())["balance"]


class MapsClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def geocode(self, query: str) -> dict:
        response = await self._http.get("/geocode", params={"q": query})
        response.raise_for_status()
        return response.json()
