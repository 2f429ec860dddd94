from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.cache import JsonCache
from svc.clients.bank import BankClient, TransferRequest
from svc.db.models import Claim, PayeeAccount
from svc.db.pg import PayoutRepository
from svc.errors import ClaimNotFoundError, InvalidClaimStateError, NotFoundError, PayoutError

logger = logging.getLogger(__name__)


def idempotency_fingerprint(key: str, claim_id: str) -> str:
    return hashlib.sha256(f"{claim_id}:{key}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class PayoutView:
    payout_id: UUID
    claim_id: UUID
    amount_cents: int
    status: str
    bank_reference: str | None


class PayoutService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        repo: PayoutRepository,
        bank: BankClient,
        claim_cache: JsonCache,
    ) -> None:
        self._session_factory = session_factory
        self._repo = repo
        self._bank = bank
        self._claim_cache = claim_cache
        self._payout_lock = asyncio.Lock()

    async def pay_claim(self, claim_id: UUID, account_id: UUID, client_key: str) -> PayoutView:
        idem_key = idempotency_fingerprint(client_key, str(claim_id))
        async with self._session_factory() as session:
            claim = await session.get(Claim, claim_id)
            if claim is None:
                raise ClaimNotFoundError(f"claim {claim_id} not found")
            if claim.status != "approved":
                raise InvalidClaimStateError(f"claim {claim.claim_number} is {claim.status}, not approved")
            account = await session.get(PayeeAccount, account_id)
            if account is None or account.policy_id != claim.policy_id:
                raise NotFoundError("payee account not found for this policy")
            amount = claim.reserve_cents

        created = await self._repo.create_pending(claim_id, account_id, amount, idem_key)
        if created is None:
            existing = await self._repo.get_by_idempotency_key(idem_key)
            assert existing is not None
            return PayoutView(existing["id"], claim_id, existing["amount_cents"], existing["status"], existing["bank_reference"])

        request = TransferRequest(
            idempotency_key=idem_key,
            iban=account.iban,
            beneficiary=account.holder_name,
            amount_cents=amount,
            remittance=f"Claim {claim.claim_number}",
        )
        async with self._payout_lock:
            try:
                result = await self._bank.transfer(request)
            except PayoutError:
                await self._repo.mark_failed(created["id"])
                raise

        await self._repo.mark_sent(created["id"], result.reference)
        async with self._session_factory() as session:
            await session.execute(update(Claim).where(Claim.id == claim_id, Claim.status == "approved").values(status="paid"))
            await session.commit()
        self._claim_cache.invalidate(str(claim_id))
        logger.info("payout %s sent for claim %s (%s)", created["id"], claim_id, result.reference)
        return PayoutView(created["id"], claim_id, amount, "sent", result.reference)

    async def settle_from_bank(self, bank_reference: str) -> PayoutView | None:
        payout = await self._repo.find_by_bank_reference(bank_reference)
        if payout is None:
            return None
        await self._repo.settle_many([payout["id"]])
        await self._claim_cache.invalidate(str(payout["claim_id"]))
        return PayoutView(payout["id"], payout["claim_id"], payout["amount_cents"], "settled", bank_reference)

    async def transfer_status(self, bank_reference: str) -> str:
        return await self._bank.transfer_status(bank_reference)
