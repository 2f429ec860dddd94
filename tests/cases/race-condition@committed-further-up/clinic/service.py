from decimal import Decimal

import httpx

from .notify import page_next_signer
from .repository import ClinicRepository


class ReferralService:
    def __init__(self, repo: ClinicRepository, client: httpx.AsyncClient) -> None:
        self.repo = repo
        self.client = client

    async def sign(self, referral_id: int) -> int:
        referral = await self.repo.referral(referral_id)
        await page_next_signer(self.client, referral_id)
        referral.signatures = referral.signatures + 1  # expect: race-condition
        if referral.signatures >= referral.signatures_needed:
            referral.status = "signed"
        return referral.signatures

    async def sign_locked(self, referral_id: int) -> int:
        # correct: the row stays locked until the request's session commits
        referral = await self.repo.referral_locked(referral_id)
        await page_next_signer(self.client, referral_id)
        referral.signatures = referral.signatures + 1
        return referral.signatures

    async def preview(self, referral_id: int) -> int:
        # correct: the read-only session is never committed, the step only shapes the answer
        referral = await self.repo.referral(referral_id)
        referral.signatures = referral.signatures + 1
        return referral.signatures


class CreditService:
    def __init__(self, repo: ClinicRepository) -> None:
        self.repo = repo

    async def top_up(self, patient_id: int, amount: Decimal) -> None:
        patient = await self.repo.patient(patient_id)
        if patient.credit + amount > Decimal("500"):
            raise ValueError("credit above the cap")
        await self.repo.session.flush()
        patient.credit = patient.credit + amount  # expect: race-condition

    async def record_visit(self, patient_id: int) -> None:
        patient = await self.repo.patient(patient_id)
        patient.visits += 1  # expect: race-condition

    async def close_day(self, patient_ids: list[int]) -> None:
        for patient_id in patient_ids:
            await self.record_visit(patient_id)
