"""Partner services the monthly invoice run reads from."""
import httpx
import requests


class RatesClient:
    """Daily reference rates, to convert plan prices for invoices in other currencies."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def latest(self, base: str) -> dict[str, float]:
        response = await self._http.get("/v1/latest", params={"base": base})  # expect: no-retry
        response.raise_for_status()
        return {k: float(v) for k, v in response.json()["rates"].items()}


class TaxIdChecker:
    def __init__(self, api_key: str) -> None:
        self._session = requests.Session()
        self._session.headers["X-Api-Key"] = api_key

    def is_valid(self, tax_id: str) -> bool:
        response = self._session.get("https://taxcheck.example.eu/validate", params={"id": tax_id},  # expect: no-retry
                                     timeout=(3, 10))
        response.raise_for_status()
        return bool(response.json().get("valid"))


class StatusPage:
    """Polled on every tick: a failed read is read again ten minutes later."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def maintenance(self) -> bool:
        response = await self._http.get("/v1/maintenance")
        response.raise_for_status()
        return bool(response.json()["active"])
