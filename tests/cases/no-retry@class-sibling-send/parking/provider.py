"""The payment provider retries its capture (a send tried again in a loop counting attempts), so the
refund beside it, a POST on the same client sent once, was left out. The messaging client retries one
of its three posts: no policy the class settled on. The ticket client retries a read only: that says
nothing about repeating its send."""
import asyncio

import httpx


class PaymentProvider:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def _bearer(self) -> str:
        resp = await self._http.post("/oauth/token", data={"grant_type": "client_credentials"})
        resp.raise_for_status()
        return resp.json()["access_token"]

    async def capture(self, reference: str, amount: int) -> str:
        headers = {"Authorization": f"Bearer {await self._bearer()}", "Idempotency-Key": reference}
        for attempt in range(4):
            try:
                resp = await self._http.post("/captures", json={"amount": amount}, headers=headers)
                resp.raise_for_status()
                return resp.json()["id"]
            except httpx.TransportError:
                if attempt == 3:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def refund(self, capture_id: str, amount: int) -> str:
        resp = await self._http.post("/refunds", json={"capture": capture_id, "amount": amount})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["id"]


class Messaging:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def email(self, to: str, body: str) -> None:
        for attempt in range(3):
            try:
                resp = await self._http.post("/email", json={"to": to, "body": body})
                resp.raise_for_status()
                return
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)

    async def sms(self, to: str, body: str) -> None:
        resp = await self._http.post("/sms", json={"to": to, "body": body})
        resp.raise_for_status()

    async def push(self, to: str, body: str) -> None:
        resp = await self._http.post("/push", json={"to": to, "body": body})
        resp.raise_for_status()


class Tickets:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def ticket(self, ticket_id: str) -> dict:
        for attempt in range(3):
            try:
                resp = await self._http.get(f"/tickets/{ticket_id}")
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("unreachable")

    async def redeem(self, code: str) -> dict:
        resp = await self._http.post("/redemptions", json={"code": code})
        resp.raise_for_status()
        return resp.json()
