from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import requests
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.errors import PolicyNotFoundError

pas_breaker = CircuitBreaker(
    fail_max=5,
    timeout_duration=timedelta(seconds=30),
    exclude=[PolicyNotFoundError],
    name="policy-admin",
)


class PolicyAdminClient:
    """Policy administration system (source of truth for policy terms)."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Accept": "application/json"})

    @pas_breaker
    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.1, max=1.0),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    async def fetch_policy(self, policy_number: str) -> dict[str, Any]:
        resp = await self._http.get(f"/api/policies/{policy_number}")
        if resp.status_code == 404:
            raise PolicyNotFoundError(f"policy {policy_number} not found")
        resp.raise_for_status()
        return resp.json()

    async def aclose(self) -> None:
        await self._http.aclose()


def fetch_legacy_policy(base_url: str, policy_number: str) -> dict[str, Any] | None:
    """Policies migrated before 2019 are only served by the legacy CGI endpoint."""
    resp = requests.get(f"{base_url}/cgi-bin/policy.cgi", params={"no": policy_number})
    if resp.status_code == 404:
        return None
    resp.raise_for_status()
    return resp.json()


valuation_breaker = CircuitBreaker(fail_max=8, timeout_duration=timedelta(seconds=45), name="valuation")


class ValuationClient:
    """Estimates the expected cost of a loss, used to set the initial reserve."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=4.0)

    @valuation_breaker
    @retry(
        stop=stop_after_attempt(2),
        wait=wait_exponential(multiplier=0.2, max=1.0),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    async def estimate(self, loss_type: str, details: dict[str, Any]) -> int:
        resp = await self._http.post("/v1/estimates", json={"loss_type": loss_type, "details": details})
        resp.raise_for_status()
        return int(resp.json()["estimate_cents"])

    async def aclose(self) -> None:
        await self._http.aclose()


def send_assignment_email(base_url: str, to: str, claim_number: str, adjuster_name: str) -> None:
    body = {
        "to": to,
        "template": "claim-assigned",
        "variables": {"claim_number": claim_number, "adjuster_name": adjuster_name},
    }
    resp = requests.post(f"{base_url}/v1/mail", json=body, timeout=5)
    resp.raise_for_status()


async def send_sms(base_url: str, phone: str, text: str) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=3.0) as client:
        resp = await client.post("/v1/sms", json={"to": phone, "text": text})
        resp.raise_for_status()


class NotificationClient:
    """Long-lived client for adjuster notifications."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(3.0))

    async def notify_adjuster(self, adjuster_email: str, subject: str, text: str) -> None:
        resp = await self._http.post("/v1/mail", json={"to": adjuster_email, "subject": subject, "text": text})
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._http.aclose()
