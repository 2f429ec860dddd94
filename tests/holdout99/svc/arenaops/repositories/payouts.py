from __future__ import annotations

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.models import Payout, TaxForm


class PayoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, payout_id: int) -> Payout | None:
        return await self._session.get(Payout, payout_id)

    async def claim_pending(self, payout_id: int) -> Payout | None:
        stmt = (
            select(Payout)
            .where(Payout.id == payout_id, Payout.status == "pending")
            .with_for_update(skip_locked=True)
        )
        return (await self._session.scalars(stmt)).first()

    async def pending_for_tournament(self, tournament_id: int) -> list[Payout]:
        stmt = select(Payout).where(Payout.tournament_id == tournament_id, Payout.status == "pending")
        return list((await self._session.scalars(stmt)).all())

    async def upsert_allocation(self, tournament_id: int, player_id: int, amount_cents: int, key: str) -> None:
        await self._session.execute(
            text(
                "INSERT INTO payouts (tournament_id, player_id, amount_cents, idempotency_key) "
                "VALUES (:t, :p, :a, :k) "
                "ON CONFLICT (idempotency_key) DO UPDATE SET amount_cents = EXCLUDED.amount_cents "
                "WHERE payouts.status = 'pending'"
            ),
            {"t": tournament_id, "p": player_id, "a": amount_cents, "k": key},
        )

    async def mark_paid(self, payout_id: int, transfer_id: str) -> None:
        await self._session.execute(
            update(Payout).where(Payout.id == payout_id).values(status="paid", partner_transfer_id=transfer_id)
        )

    async def mark_failed(self, payout_id: int) -> None:
        await self._session.execute(update(Payout).where(Payout.id == payout_id).values(status="failed"))

    async def tax_form(self, player_id: int) -> TaxForm | None:
        stmt = select(TaxForm).where(TaxForm.player_id == player_id)
        return (await self._session.scalars(stmt)).first()

    async def save_tax_form(self, player_id: int, form_type: str, envelope_id: str) -> None:
        await self._session.execute(
            text(
                "INSERT INTO tax_forms (player_id, form_type, vendor_envelope_id) VALUES (:p, :f, :e) "
                "ON CONFLICT (player_id) DO UPDATE SET vendor_envelope_id = EXCLUDED.vendor_envelope_id"
            ),
            {"p": player_id, "f": form_type, "e": envelope_id},
        )
