"""Client for the pharmacy benefit manager (eligibility, adjudication, pricing)."""
from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from ..config import Settings
from ..utils.breaker import CircuitBreaker
from ..utils.retry import with_retry

log = logging.getLogger(__name__)


class PBMError(Exception):
    pass


class EligibilityError(PBMError):
    pass


class ClaimRejected(PBMError):
    def __init__(self, reject_codes: list[str], message: str) -> None:
        super().__init__(message)
        self.reject_codes = reject_codes


@dataclass(slots=True)
class Eligibility:
    member_id: str
    plan_id: str
    active: bool
    copay_tier: int | None
    deductible_remaining: Decimal


@dataclass(slots=True)
class Adjudication:
    claim_number: str
    status: str
    paid_amount: Decimal
    patient_pay: Decimal
    raw: dict[str, Any]


_TRANSIENT = (httpx.TransportError, httpx.HTTPStatusError)


class PBMClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.pbm_base_url,
            timeout=httpx.Timeout(8.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = threading.Lock()
        self._eligibility_breaker = CircuitBreaker("pbm-eligibility", failure_threshold=5, reset_after=20)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _auth_header(self) -> dict[str, str]:
        with self._token_lock:
            if self._token is None or time.time() > self._token_expires - 30:
                resp = await self._http.post(
                    "/oauth/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": self._settings.pbm_client_id,
                        "client_secret": self._settings.pbm_client_secret,
                    },
                )
                resp.raise_for_status()
                body = resp.json()
                self._token = body["access_token"]
                self._token_expires = time.time() + int(body.get("expires_in", 600))
            return {"Authorization": f"Bearer {self._token}"}

    async def check_eligibility(self, member_id: str, plan_id: str, date_of_service: str) -> Eligibility:
        async def _call() -> httpx.Response:
            headers = await self._auth_header()
            resp = await self._http.post(
                "/eligibility",
                json={"member_id": member_id, "plan_id": plan_id, "dos": date_of_service, "bin": self._settings.pbm_bin},
                headers=headers,
            )
            resp.raise_for_status()
            return resp

        try:
            resp = await self._eligibility_breaker.call(lambda: with_retry(_call, attempts=3, retry_on=_TRANSIENT))
        except httpx.HTTPStatusError as exc:
            raise EligibilityError(f"eligibility lookup failed with {exc.response.status_code}")
        body = resp.json()
        return Eligibility(
            member_id=member_id,
            plan_id=plan_id,
            active=body["coverage_status"] == "A",
            copay_tier=body.get("tier"),
            deductible_remaining=Decimal(str(body.get("deductible_remaining", "0"))),
        )

    async def submit_claim(self, payload: dict[str, Any], *, idempotency_key: str | None = None) -> Adjudication:
        key = idempotency_key or str(uuid.uuid4())

        async def _call() -> httpx.Response:
            headers = await self._auth_header()
            headers["Idempotency-Key"] = key
            resp = await self._http.post("/claims", json=payload, headers=headers)
            if resp.status_code >= 500:
                resp.raise_for_status()
            return resp

        resp = await with_retry(_call, attempts=4, retry_on=_TRANSIENT)
        body = resp.json()
        if resp.status_code == 422 or body.get("status") == "R":
            try:
                codes = [r["code"] for r in body["rejects"]]
            except (KeyError, TypeError) as exc:
                raise PBMError(f"malformed reject response: {body!r}") from exc
            raise ClaimRejected(codes, body.get("message", "claim rejected"))
        return Adjudication(
            claim_number=body["claim_number"],
            status=body["status"],
            paid_amount=Decimal(str(body["paid"])),
            patient_pay=Decimal(str(body["patient_pay"])),
            raw=body,
        )

    async def reverse_claim(self, claim_number: str) -> None:
        headers = await self._auth_header()
        resp = await self._http.post(f"/claims/{claim_number}/reversal", headers=headers)
        resp.raise_for_status()

    async def price_quote(self, ndc: str, quantity: int, plan_id: str, member_id: str | None = None) -> Decimal:
        """Patient-pay estimate; with a member id the PBM applies that member's deductible and accumulators."""
        headers = await self._auth_header()
        params = {"ndc": ndc, "qty": quantity, "plan": plan_id}
        if member_id:
            params["member"] = member_id
        resp = await self._http.get("/pricing", params=params, headers=headers)
        resp.raise_for_status()
        return Decimal(str(resp.json()["price"]))

    async def price_quotes(self, items: list[tuple[str, int]], plan_id: str) -> dict[str, Decimal]:
        headers = await self._auth_header()
        resp = await self._http.post(
            "/pricing/batch",
            json={"plan": plan_id, "items": [{"ndc": n, "qty": q} for n, q in items]},
            headers=headers,
        )
        resp.raise_for_status()
        return {row["ndc"]: Decimal(str(row["price"])) for row in resp.json()["prices"]}

    async def get_formulary(self, plan_id: str) -> dict[str, dict[str, Any]]:
        headers = await self._auth_header()
        resp = await self._http.get(f"/plans/{plan_id}/formulary", headers=headers)
        resp.raise_for_status()
        return {row["ndc"]: row for row in resp.json()["entries"]}
