"""Pet-insurer pre-authorisation API (aiohttp)."""
from __future__ import annotations

import logging
from decimal import Decimal

import aiohttp

from svc.config import get_settings

log = logging.getLogger(__name__)


class PreauthDeclined(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InsurerClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._settings = get_settings()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.insurer_api_base,
            headers={"X-Api-Key": self._settings.insurer_api_key},
            timeout=aiohttp.ClientTimeout(total=12, connect=3),
        )

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def request_preauth(self, policy_no: str, amount: Decimal, codes: list[str]) -> str:
        assert self._session is not None
        payload = {"policy": policy_no, "amount": str(amount), "procedures": codes}
        async with self._session.post("/v1/preauthorisations", json=payload) as resp:
            body = await resp.json()
            if resp.status == 422:
                raise PreauthDeclined(body.get("reason", "declined"))
            resp.raise_for_status()
            return body["reference"]

    async def preauth_status(self, reference: str) -> str:
        assert self._session is not None
        async with self._session.get(f"/v1/preauthorisations/{reference}") as resp:
            resp.raise_for_status()
            return (await resp.json())["status"]


async def check_policy_active(policy_no: str) -> bool:
    settings = get_settings()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=8)) as session:
        async with session.get(
            f"{settings.insurer_api_base}/v1/policies/{policy_no}",
            headers={"X-Api-Key": settings.insurer_api_key},
        ) as resp:
            if resp.status == 404:
                return False
            resp.raise_for_status()
            return (await resp.json())["active"]


insurer = InsurerClient()


async def submit_claim(invoice_id: int, policy_no: str, amount: Decimal, preauth_ref: str | None) -> str:
    """Claims carry an idempotency key, so a retried POST cannot create a second claim."""
    from svc.utils.resilience import with_retry

    assert insurer._session is not None
    payload = {"policy": policy_no, "amount": str(amount), "preauth": preauth_ref, "invoice": invoice_id}

    async def _post() -> str:
        async with insurer._session.post(
            "/v1/claims", json=payload, headers={"Idempotency-Key": f"invoice-{invoice_id}"}
        ) as resp:
            resp.raise_for_status()
            return (await resp.json())["claim_id"]

    return await with_retry(_post, attempts=4, retry_on=(aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError))
