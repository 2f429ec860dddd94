from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.clients.payments import PaymentPartnerClient
from arenaops.clients.tax_forms import TaxFormClient
from arenaops.errors import NotFound, PaymentPartnerError, PayoutFailed
from arenaops.models import Player, Tournament
from arenaops.repositories.payouts import PayoutRepository
from arenaops.settings import Settings
from arenaops.utils.circuit import CircuitBreaker

logger = logging.getLogger(__name__)

SPLITS = (0.5, 0.25, 0.15, 0.10)


class PayoutService:
    def __init__(self, settings: Settings, payments: PaymentPartnerClient, tax_forms: TaxFormClient) -> None:
        self._settings = settings
        self._payments = payments
        self._tax_forms = tax_forms
        self._breaker = CircuitBreaker("payments", threshold=5, reset_after=60)

    def split_prize_pool(self, pool_cents: int, placements: list[int]) -> dict[int, int]:
        shares = {}
        for team_id, share in zip(placements, SPLITS):
            shares[team_id] = int(Decimal(pool_cents) * Decimal(str(share)))
        return shares

    async def allocate(self, session: AsyncSession, tournament: Tournament, roster: dict[int, list[int]],
                       placements: list[int]) -> None:
        repo = PayoutRepository(session)
        for team_id, cents in self.split_prize_pool(tournament.prize_pool_cents, placements).items():
            players = roster.get(team_id, [])
            if not players:
                continue
            each = cents // len(players)
            for player_id in players:
                await repo.upsert_allocation(tournament.id, player_id, each, f"t{tournament.id}-p{player_id}")
        await session.commit()

    async def ensure_tax_form(self, session: AsyncSession, player: Player, email: str, total_cents: int) -> bool:
        if total_cents < self._settings.payout_tax_threshold_cents:
            return True
        repo = PayoutRepository(session)
        if await repo.tax_form(player.id) is not None:
            return True
        envelope = await asyncio.to_thread(self._tax_forms.request_form, email, "W9")
        await repo.save_tax_form(player.id, "W9", envelope["id"])
        await session.commit()
        return False

    async def execute(self, session: AsyncSession, payout_id: int, recipient: str) -> str:
        repo = PayoutRepository(session)
        payout = await repo.claim_pending(payout_id)
        if payout is None:
            raise NotFound("payout not pending")
        try:
            transfer = self._payments.create_transfer(
                recipient, payout.amount_cents, payout.currency, payout.idempotency_key
            )
        except PaymentPartnerError as exc:
            await repo.mark_failed(payout.id)
            await session.commit()
            raise PayoutFailed(f"payout {payout.id} failed") from exc
        await repo.mark_paid(payout.id, transfer["id"])
        await session.commit()
        logger.info("payout %s paid as %s", payout.id, transfer["id"])
        return transfer["id"]

    async def execute_guarded(self, session: AsyncSession, payout_id: int, recipient: str) -> str:
        repo = PayoutRepository(session)
        payout = await repo.claim_pending(payout_id=payout_id)
        if payout is None:
            raise NotFound("payout not pending")

        async def call() -> dict:
            return await asyncio.to_thread(
                self._payments.create_transfer, recipient, payout.amount_cents, payout.currency,
                payout.idempotency_key,
            )

        try:
            transfer = await self._breaker.call(call)
        except PaymentPartnerError as err:
            logger.error("payout %s rejected by partner: %s %s", payout.id, err, err.extra)
            await repo.mark_failed(payout.id)
            await session.commit()
            raise PayoutFailed(f"payout {payout.id} failed") from err
        await repo.mark_paid(payout.id, transfer["id"])
        await session.commit()
        return transfer["id"]
