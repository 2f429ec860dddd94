"""Card processor client: every call goes through one breaker and most are retried."""
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from billing.breaker import Breaker

_TRANSIENT = retry_if_exception_type(httpx.TransportError)


class Processor:
    def __init__(self, http: httpx.AsyncClient, breaker: Breaker) -> None:
        self._http = http
        self._breaker = breaker

    @retry(retry=_TRANSIENT, stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2))
    async def charge(self, card: str, amount: int, *, key: str) -> dict:
        async with self._breaker:
            resp = await self._http.post("/charges", json={"card": card, "amount": amount}, headers={"Idempotency-Key": key})
            resp.raise_for_status()
            return resp.json()

    @retry(retry=_TRANSIENT, stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2))
    async def charge_status(self, charge_id: str) -> dict:
        async with self._breaker:
            resp = await self._http.get(f"/charges/{charge_id}")
            resp.raise_for_status()
            return resp.json()

    async def void(self, charge_id: str, *, key: str) -> dict:
        async with self._breaker:
            resp = await self._http.post(f"/charges/{charge_id}/void", headers={"Idempotency-Key": key})
            resp.raise_for_status()
            return resp.json()

    async def note(self, charge_id: str, text: str) -> None:
        async with self._breaker:
            resp = await self._http.post(f"/charges/{charge_id}/notes", json={"text": text})
            resp.raise_for_status()

    @retry(retry=_TRANSIENT, stop=stop_after_attempt(4), wait=wait_exponential_jitter(initial=0.5, max=4))
    async def refund(self, charge_id: str, amount: int, *, key: str) -> dict:
        resp = await self._http.post(f"/charges/{charge_id}/refunds", json={"amount": amount}, headers={"Idempotency-Key": key})  # expect: no-circuit-breaker
        resp.raise_for_status()
        return resp.json()
