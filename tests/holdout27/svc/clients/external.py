"""Smaller upstream services: policy administration, catastrophe events,
address verification and supervisor paging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import aiohttp
import httpx
import requests
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.schemas import LossAddress

cat_breaker = CircuitBreaker(fail_max=3, timeout_duration=timedelta(seconds=60))


@dataclass(frozen=True)
class PolicySnapshot:
    policy_number: str
    status: str
    effective_from: date
    expires_at: date
    product_code: str

    def active_on(self, day: date) -> bool:
        return self.status == "active" and self.effective_from <= day <= self.expires_at


class PolicyAdminClient:
    """Reads the authoritative policy state from the policy administration system."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url)
        self._snapshots: dict[str, PolicySnapshot] = {}

    async def snapshot(self, policy_number: str) -> PolicySnapshot:
        cached = self._snapshots.get(policy_number)
        if cached is not None:
            return cached
        resp = await self._http.get(f"/policies/{policy_number}/snapshot")
        resp.raise_for_status()
        body = resp.json()
        snapshot = PolicySnapshot(
            policy_number=body["policy_number"],
            status=body["status"],
            effective_from=date.fromisoformat(body["effective_from"]),
            expires_at=date.fromisoformat(body["expires_at"]),
            product_code=body["product_code"],
        )
        self._snapshots[policy_number] = snapshot
        return snapshot

    async def aclose(self) -> None:
        await self._http.aclose()


@dataclass(frozen=True)
class CatEvent:
    code: str
    region: str
    severity: int


class CatastropheClient:
    """Declared catastrophe events (floods, storms) that change SLA and triage rules."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = session

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.3, max=3),
        retry=retry_if_exception_type(aiohttp.ClientError),
        reraise=True,
    )
    @cat_breaker
    async def active_events(self, region: str, on: date) -> list[CatEvent]:
        params = {"region": region, "date": on.isoformat()}
        async with self._session.get(f"{self._base_url}/v1/events", params=params) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return [CatEvent(code=e["code"], region=e["region"], severity=int(e["severity"])) for e in body["events"]]


@dataclass(frozen=True)
class AddressVerdict:
    valid: bool
    normalized: str | None
    flood_zone: bool


async def verify_address(base_url: str, address: LossAddress) -> AddressVerdict:
    async with httpx.AsyncClient(base_url=base_url, timeout=3.0) as client:
        resp = await client.post("/v1/verify", json=address.model_dump())
        resp.raise_for_status()
        body = resp.json()
    return AddressVerdict(valid=bool(body["valid"]), normalized=body.get("normalized"), flood_zone=bool(body.get("flood_zone")))


class SupervisorNotifier:
    """Pages claim supervisors and sends claimant receipts through the paging gateway."""

    def __init__(self, base_url: str, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Token {token}"

    def page_supervisor(self, claim_number: str, adjuster_email: str | None, hours_overdue: float) -> None:
        body = {"claim": claim_number, "adjuster": adjuster_email, "hours_overdue": round(hours_overdue, 1)}
        resp = self._session.post(f"{self._base_url}/v1/pages", json=body, timeout=5)
        resp.raise_for_status()

    def send_payout_receipt(self, claimant_email: str, claim_number: str, amount_cents: int) -> None:
        body = {"to": claimant_email, "template": "payout-receipt", "vars": {"claim": claim_number, "amount": amount_cents}}
        resp = self._session.post(f"{self._base_url}/v1/messages", json=body, timeout=5)
        resp.raise_for_status()
