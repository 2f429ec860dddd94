"""HTTP client for the payments team's wallet service (cash balances)."""
from __future__ import annotations

import logging
import uuid
from decimal import Decimal

import httpx

from svc.utils.resilience import CircuitBreaker

logger = logging.getLogger(__name__)


class WalletError(Exception):
    pass


class InsufficientFunds(WalletError):
    pass


class WalletUnavailable(WalletError):
    pass


class WalletClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(3.0, connect=1.0),
        )
        self._breaker = CircuitBreaker("wallet", failure_threshold=5, reset_after_s=15)

    async def _post(self, path: str, body: dict) -> dict:
        resp = await self._http.post(path, json=body, headers={"idempotency-key": body["reference"]})
        resp.raise_for_status()
        return resp.json()

    async def debit(self, user_id: int, amount: Decimal, reference: str) -> str:
        body = {"user_id": user_id, "amount": str(amount), "reference": reference, "reason": "bet_stake"}
        try:
            data = await self._breaker.call(lambda: self._post("/debits", body))
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 402:
                raise InsufficientFunds(str(user_id)) from exc
            raise WalletError(f"debit rejected: {exc.response.status_code}")
        except httpx.TransportError as exc:
            raise WalletUnavailable("wallet unreachable") from exc
        return data["transaction_id"]

    async def credit(self, user_id: int, amount: Decimal, reference: str, reason: str = "bet_win") -> str:
        body = {"user_id": user_id, "amount": str(amount), "reference": reference, "reason": reason}
        resp = await self._http.post("/credits", json=body, headers={"idempotency-key": reference})
        resp.raise_for_status()
        return resp.json()["transaction_id"]

    async def balance(self, user_id: int) -> Decimal:
        resp = await self._http.get(f"/balances/{user_id}")
        resp.raise_for_status()
        return Decimal(resp.json()["available"])

    async def aclose(self) -> None:
        await self._http.aclose()

    @staticmethod
    def new_reference(prefix: str) -> str:
        return f"{prefix}-{uuid.uuid4().hex}"
