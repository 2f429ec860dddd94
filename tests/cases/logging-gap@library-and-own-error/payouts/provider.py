"""Payout provider client."""
import httpx

from payouts.errors import ProviderError


class PayoutProvider:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def transfer(self, account: str, cents: int, reference: str) -> str:
        resp = await self._http.post("/transfers", json={"to": account, "cents": cents},
                                     headers={"Idempotency-Key": reference})
        if resp.status_code == 422:
            raise ProviderError(resp.text)
        resp.raise_for_status()
        return resp.json()["id"]
