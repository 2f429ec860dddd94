"""Payment provider client (charges, refunds, webhooks)."""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker, CircuitBreakerError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings
from svc.errors import DependencyUnavailableError, PaymentDeclinedError
from svc.security import signature_matches

logger = logging.getLogger(__name__)

_transient = retry_if_exception_type((httpx.TransportError, httpx.RemoteProtocolError))


@dataclass(frozen=True)
class Charge:
    id: str
    status: str
    amount_cents: int
    currency: str


def _charge_from(data: dict) -> Charge:
    return Charge(
        id=data["id"],
        status=data["status"],
        amount_cents=int(data["amount"]),
        currency=data["currency"].upper(),
    )


def _archive_event(directory: str, body: bytes) -> None:
    """Keep the raw webhook body; disputes are settled against what the provider sent us."""
    day = time.strftime("%Y-%m-%d", time.gmtime())
    with open(os.path.join(directory, f"webhooks-{day}.jsonl"), "ab") as fh:
        fh.write(body.rstrip(b"\n") + b"\n")


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            timeout=httpx.Timeout(settings.payments_timeout, connect=2.0),
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
        )
        self._breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2.0), retry=_transient, reraise=True)
    async def create_charge(
        self,
        *,
        player_id: int,
        amount_cents: int,
        currency: str,
        idempotency_key: str,
        description: str,
    ) -> Charge:
        body = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "customer_reference": str(player_id),
            "description": description,
        }
        headers = {"Idempotency-Key": idempotency_key}
        try:
            resp = await self._breaker.call_async(self._http.post, "/v1/charges", json=body, headers=headers)
        except CircuitBreakerError as exc:
            raise DependencyUnavailableError("payments temporarily unavailable") from exc
        if resp.status_code == 402:
            raise PaymentDeclinedError(resp.json().get("decline_reason", "declined"))
        resp.raise_for_status()
        return _charge_from(resp.json())

    @retry(stop=stop_after_attempt(4), wait=wait_exponential_jitter(initial=0.2, max=3.0), retry=_transient, reraise=True)
    async def find_charges(self, idempotency_keys: list[str]) -> dict[str, Charge]:
        """Look charges up by the idempotency keys we sent; keys with no charge are absent."""
        if not idempotency_keys:
            return {}
        params = {"idempotency_keys": ",".join(idempotency_keys)}
        resp = await self._breaker.call_async(self._http.get, "/v1/charges", params=params)
        resp.raise_for_status()
        return {c["idempotency_key"]: _charge_from(c) for c in resp.json()["data"]}

    async def refund(self, charge_id: str, *, reason: str) -> None:
        path = f"/v1/charges/{charge_id}/refunds"
        resp = await self._breaker.call_async(self._http.post, path, json={"reason": reason})
        resp.raise_for_status()

    def verify_webhook(self, body: bytes, signature: str) -> bool:
        valid = signature_matches(self._settings.payments_webhook_secret, body, signature)
        if valid:
            _archive_event(self._settings.webhook_archive_dir, body)
        return valid

    async def aclose(self) -> None:
        await self._http.aclose()
