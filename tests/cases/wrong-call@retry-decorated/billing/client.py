"""Payment provider client: transient failures are retried by decorators."""
import functools

import backoff
import httpx
from tenacity import retry, stop_after_attempt

_transient = retry(stop=stop_after_attempt(3), reraise=True)


def with_idempotency(func):
    @functools.wraps(func)
    async def wrapper(self, *args, key: str, **kwargs):
        return await func(self, *args, **kwargs)
    return wrapper


class PaymentClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    @_transient
    async def charge(self, account: str, amount_cents: int) -> dict:
        response = await self._http.post("/charges", json={"account": account, "amount": amount_cents})
        response.raise_for_status()
        return response.json()

    @backoff.on_exception(backoff.expo, httpx.TransportError, max_tries=3)
    async def refund(self, charge_id: str) -> dict:
        response = await self._http.post(f"/charges/{charge_id}/refund")
        response.raise_for_status()
        return response.json()

    @with_idempotency
    async def capture(self, charge_id: str) -> dict:
        response = await self._http.post(f"/charges/{charge_id}/capture")
        response.raise_for_status()
        return response.json()
