"""Client for the catalogue vendor: a non-2xx answer becomes VendorError."""
import httpx


class VendorError(RuntimeError):
    pass


class VendorClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def fetch_item(self, sku: str) -> dict:
        response = await self._client.get(f"/items/{sku}")
        if response.status_code >= 400:
            raise VendorError(f"vendor returned {response.status_code} for {sku}")
        return response.json()

    async def fetch_price(self, sku: str) -> float:
        response = await self._client.get(f"/prices/{sku}")
        if response.status_code >= 400:
            raise VendorError(f"vendor returned {response.status_code} for price of {sku}")
        return float(response.json()["amount"])

    async def aclose(self) -> None:
        await self._client.aclose()
