"""Claim adjudication and eligibility checks against the PBM."""
from __future__ import annotations

import logging
import time
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.pbm import ClaimRejected, Eligibility, EligibilityError, PBMClient, PBMError
from ..config import get_settings
from ..db.models import Claim, Patient, Pharmacy, Prescription
from ..repositories.claims import ClaimRepository
from ..utils.breaker import CircuitOpenError
from ..utils.timeutil import today_utc
from . import audit

log = logging.getLogger(__name__)

DISPENSING_FEE = Decimal("2.50")


class ClaimService:
    def __init__(self, session: AsyncSession, pbm: PBMClient) -> None:
        self.session = session
        self.pbm = pbm
        self.repo = ClaimRepository(session)
        self.settings = get_settings()

    def _payload(self, rx: Prescription, patient: Patient, pharmacy: Pharmacy, ingredient_cost: Decimal, fill_number: int) -> dict:
        return {
            "bin": self.settings.pbm_bin,
            "pcn": self.settings.pbm_pcn,
            "member_id": patient.member_id,
            "plan_id": patient.plan_id,
            "service_provider_id": pharmacy.ncpdp_id,
            "rx_number": rx.external_id,
            "fill_number": fill_number,
            "ndc": rx.ndc,
            "quantity": rx.quantity,
            "days_supply": rx.days_supply,
            "ingredient_cost": str(ingredient_cost),
            "dispensing_fee": str(DISPENSING_FEE),
        }

    async def adjudicate(self, rx: Prescription, patient: Patient, pharmacy: Pharmacy, ingredient_cost: Decimal) -> Claim:
        fill_number = rx.refills_authorized - rx.refills_remaining
        payload = self._payload(rx, patient, pharmacy, ingredient_cost, fill_number)
        claim = Claim(prescription_id=rx.id, billed_amount=ingredient_cost + DISPENSING_FEE, status="submitted")
        await self.repo.add(claim)
        try:
            result = await self.pbm.submit_claim(payload, idempotency_key=f"rx{rx.id}-fill{fill_number}")
        except ClaimRejected as exc:
            claim.status = "rejected"
            claim.response = {"rejects": exc.reject_codes, "message": str(exc)}
            await self.session.commit()
            await audit.record("system:pbm", "claim.rejected", "claim", claim.id, codes=exc.reject_codes)
            return claim
        except PBMError:
            claim.status = "error"
            await self.session.commit()
            raise
        claim.claim_number = result.claim_number
        claim.status = "paid" if result.status == "P" else result.status.lower()
        claim.paid_amount = result.paid_amount
        claim.patient_pay = result.patient_pay
        claim.response = result.raw
        await self.session.commit()
        return claim

    async def reverse(self, claim: Claim, actor: str) -> None:
        if not claim.claim_number or claim.status != "paid":
            return
        try:
            await self.pbm.reverse_claim(claim.claim_number)
        except Exception as exc:
            log.error("reversal failed for claim %s: %s", claim.id, exc)
            return
        claim.status = "reversed"
        await self.session.commit()
        await audit.record(actor, "claim.reversed", "claim", claim.id)


ELIGIBILITY_TTL = 15 * 60

_cache: dict[tuple[str, str, str], tuple[float, Eligibility]] = {}


class EligibilityService:
    def __init__(self, pbm: PBMClient) -> None:
        self.pbm = pbm

    async def check(self, patient: Patient) -> Eligibility | None:
        if not patient.member_id or not patient.plan_id:
            return None
        dos = today_utc().isoformat()
        key = (patient.member_id, patient.plan_id, dos)
        hit = _cache.get(key)
        if hit and time.monotonic() - hit[0] < ELIGIBILITY_TTL:
            return hit[1]
        try:
            result = await self.pbm.check_eligibility(patient.member_id, patient.plan_id, dos)
        except CircuitOpenError:
            log.warning("PBM eligibility circuit open; treating member %s as unverified", patient.member_id)
            return None
        except EligibilityError:
            log.exception("eligibility check failed for member %s", patient.member_id)
            return None
        _cache[key] = (time.monotonic(), result)
        return result
