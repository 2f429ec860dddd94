"""Payment provider client: responses are checked by a shared helper."""
import httpx

from billing.errors import ProviderError


def _checked(response: httpx.Response) -> dict:
    if response.is_error:
        raise ProviderError(f"provider returned {response.status_code}")
    return response.json()


class ProviderClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://pay.example.com", timeout=10)

    async def capture(self, intent: str, cents: int) -> dict:
        response = await self._http.post(f"/v1/intents/{intent}/capture", json={"amount": cents},
                                          headers={"Idempotency-Key": f"capture:{intent}"})
        return _checked(response)

    async def refund(self, intent: str) -> dict:
        response = await self._http.post(f"/v1/intents/{intent}/refund", headers={"Idempotency-Key": f"refund:{intent}"})
        return _checked(response)
