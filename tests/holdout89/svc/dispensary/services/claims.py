"""Insurance claim creation, adjudication and resubmission."""
from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dispensary.clients.payer import PayerClient
from dispensary.db.models import Claim, Prescription
from dispensary.errors import Conflict, PayerRejected
from dispensary.repositories.claims import ClaimRepository
from dispensary.repositories.prescriptions import PrescriptionRepository
from dispensary.settings import Settings
from dispensary.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RESUBMIT_CAP_SECONDS = 6 * 3600
RESUBMITTABLE_CODES = frozenset({"85", "M4", "88", "79"})


def build_claim_payload(claim: Claim, rx: Prescription, tier: str) -> dict[str, Any]:
    return {
        "claim_id": claim.id,
        "payer_id": claim.payer_id,
        "product_id": rx.drug_code,
        "quantity": rx.quantity,
        "days_supply": rx.days_supply,
        "prescriber_npi": rx.prescriber_npi,
        "fill_number": rx.refills_remaining,
        "formulary_tier": tier,
        "submitted_amount": str(claim.amount),
    }


class ClaimsService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], payer: PayerClient, settings: Settings) -> None:
        self._sessions = sessions
        self._payer = payer
        self._settings = settings

    async def create_for(self, rx: Prescription, payer_id: str, amount: Decimal) -> int:
        async with self._sessions() as session, session.begin():
            claim = await ClaimRepository(session).add(
                Claim(prescription_id=rx.id, payer_id=payer_id, amount=amount, next_attempt_at=utcnow())
            )
        return claim.id

    async def _formulary_tier(self, payer_id: str, drug_code: str) -> str:
        async with httpx.AsyncClient(base_url=self._settings.drugdb_base_url, timeout=5.0) as client:
            response = await client.get(f"/v3/formulary/{payer_id}/{drug_code}")
            response.raise_for_status()
            return response.json()["tier"]

    async def submit(self, claim_id: int) -> dict[str, Any]:
        async with self._sessions() as session, session.begin():
            repo = ClaimRepository(session)
            claim = await repo.get_or_raise(claim_id)
            if claim.status not in ("pending", "resubmit"):
                raise Conflict(f"claim {claim_id} is {claim.status}")
            rx = await PrescriptionRepository(session).get_or_raise(claim.prescription_id)
            tier = await self._formulary_tier(claim.payer_id, rx.drug_code)
            rejection: PayerRejected | None = None
            try:
                result = await self._payer.adjudicate(build_claim_payload(claim, rx, tier))
            except PayerRejected as exc:
                rejection = exc
                await repo.mark_rejected(claim.id, exc.reject_code, str(exc))
                if exc.reject_code in RESUBMITTABLE_CODES:
                    await self._schedule_resubmission(repo, claim)
            else:
                await repo.mark_submitted(claim.id, result["claim_ref"])
        if rejection is not None:
            logger.info("claim %s rejected by %s: %s", claim_id, claim.payer_id, rejection.reject_code)
            raise rejection
        logger.info("claim %s accepted by %s as %s", claim_id, claim.payer_id, result["claim_ref"])
        return result

    async def _schedule_resubmission(self, repo: ClaimRepository, claim: Claim) -> None:
        attempts = claim.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            logger.warning("claim %s exhausted %d attempts", claim.id, attempts)
            return
        delay = max(60 * 2 ** claim.attempts, RESUBMIT_CAP_SECONDS)
        await repo.schedule_resubmission(claim.id, utcnow() + timedelta(seconds=delay), attempts)

    async def resubmit(self, claim_id: int) -> None:
        try:
            await self.submit(claim_id)
        except PayerRejected:
            pass

    async def reverse(self, claim_id: int) -> None:
        async with self._sessions() as session, session.begin():
            repo = ClaimRepository(session)
            claim = await repo.get_or_raise(claim_id)
            if claim.payer_claim_ref is None:
                raise Conflict(f"claim {claim_id} was never accepted")
            await self._payer.reverse(claim.payer_claim_ref)
            claim.status = "reversed"
        logger.info("claim %s reversed", claim_id)

    async def get(self, claim_id: int) -> Claim | None:
        async with self._sessions() as session:
            return await ClaimRepository(session).get(claim_id)
