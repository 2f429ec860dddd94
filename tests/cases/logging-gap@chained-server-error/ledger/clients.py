"""Clients for the core ledger and the pricing service."""
import httpx


class LedgerDown(Exception):
    pass


class PricingDown(Exception):
    pass


class LedgerClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def balance(self, account: str) -> dict:
        try:
            resp = await self._http.get(f"/accounts/{account}/balance")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise LedgerDown(account) from exc
        return resp.json()


class PricingClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def fee(self, product: str) -> float:
        try:
            resp = await self._http.get(f"/fees/{product}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise PricingDown(product) from exc
        return resp.json()["fee"]
