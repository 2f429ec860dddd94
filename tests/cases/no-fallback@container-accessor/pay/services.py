"""Domain services over the clients."""
import httpx

from pay.clients import LedgerClient, MapsClient, RatesClient


class Pricing:
    def __init__(self, rates: RatesClient) -> None:
        self._rates = rates

    async def quote(self, amount: int, currency: str) -> dict:
        rate = await self._rates.rate(currency)  # expect: no-fallback
        return {"amount": round(amount * rate), "currency": currency}


class Accounts:
    def __init__(self, ledger: LedgerClient) -> None:
        self._ledger = ledger

    async def summary(self, account: str) -> dict:
        balance = await self._ledger.balance(account)  # expect: no-fallback
        return {"account": account, "balance": balance}


class Places:
    def __init__(self, maps: MapsClient) -> None:
        self._maps = maps

    async def lookup(self, query: str) -> dict | None:
        try:
            return await self._maps.geocode(query)
        except httpx.HTTPError:
            return None
