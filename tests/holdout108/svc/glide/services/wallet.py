from __future__ import annotations

import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from glide.clients.payment_gateway import PaymentGateway
from glide.errors import InsufficientFunds, NotFound, PaymentDeclined
from glide.models import Rider
from glide.repositories.wallets import WalletRepository
from glide.utils.values import reference

log = logging.getLogger(__name__)


class WalletService:
    def __init__(self, session: AsyncSession, gateway: PaymentGateway) -> None:
        self._s = session
        self._repo = WalletRepository(session)
        self._gateway = gateway

    async def balance(self, rider_id: uuid.UUID) -> int:
        wallet = await self._repo.get_by_rider(rider_id)
        if wallet is None:
            raise NotFound("wallet not found")
        return wallet.balance_cents

    async def top_up(self, rider_id: uuid.UUID, amount_cents: int, idempotency_key: str) -> int:
        wallet = await self._repo.get_by_rider(rider_id)
        method = await self._repo.default_method(rider_id)
        if wallet is None or method is None:
            raise NotFound("no wallet or payment method")
        auth = await self._gateway.authorize(method.gateway_token, amount_cents, idempotency_key=idempotency_key)
        await self._gateway.capture(auth.charge_id, amount_cents, idempotency_key=f"{idempotency_key}:cap")
        created = await self._repo.add_transaction(wallet.id, amount_cents, "top_up", idempotency_key)
        if not created:
            await self._s.rollback()
            return await self.balance(rider_id)
        new_balance = await self._repo.credit(wallet.id, amount_cents)
        await self._s.commit()
        return new_balance

    async def pay_ride(self, rider_id: uuid.UUID, amount_cents: int, ride_ref: str) -> int:
        wallet = await self._repo.get_by_rider(rider_id)
        if wallet is None:
            raise NotFound("wallet not found")
        if wallet.balance_cents < amount_cents:
            raise InsufficientFunds("wallet balance too low")
        await self._repo.add_transaction(wallet.id, -amount_cents, "ride", ride_ref)
        wallet.balance_cents = wallet.balance_cents - amount_cents
        await self._s.flush()
        return wallet.balance_cents

    async def pay_from_balance(self, rider_id: uuid.UUID, amount_cents: int, kind: str, ref: str) -> int:
        wallet = await self._repo.get_by_rider(rider_id)
        if wallet is None:
            raise NotFound("wallet not found")
        remaining = await self._repo.debit_if_sufficient(wallet.id, amount_cents)
        if remaining is None:
            raise InsufficientFunds("wallet balance too low")
        await self._repo.add_transaction(wallet.id, -amount_cents, kind, ref)
        return remaining

    async def refund_to_wallet(self, rider_id: uuid.UUID, amount_cents: int, ref: str) -> int:
        wallet = await self._repo.get_by_rider_for_update(rider_id)
        if wallet is None:
            raise NotFound("wallet not found")
        if await self._repo.add_transaction(wallet.id, amount_cents, "refund", ref):
            wallet.balance_cents += amount_cents
        await self._s.commit()
        return wallet.balance_cents

    async def maybe_auto_reload(self, rider: Rider) -> int | None:
        threshold = rider.auto_reload_threshold_cents
        amount = rider.auto_reload_amount_cents
        if not threshold or not amount:
            return None
        wallet = await self._repo.get_by_rider(rider.id)
        if wallet is None or wallet.balance_cents >= threshold:
            return None
        # one reload per rider per threshold crossing; the key makes gateway retries safe
        key = f"autoreload_{rider.id}_{wallet.updated_at.timestamp():.0f}"
        try:
            return await self.top_up(rider.id, amount, key)
        except PaymentDeclined:
            log.info("auto-reload declined for rider %s", rider.id)
            return None

    async def statement(self, rider_id: uuid.UUID, limit: int = 100) -> dict:
        wallet = await self._repo.get_by_rider(rider_id)
        if wallet is None:
            raise NotFound("wallet not found")
        items = await self._repo.recent_transactions(wallet.id, limit)
        credits = sum(t.amount_cents for t in items if t.amount_cents > 0)
        debits = -sum(t.amount_cents for t in items if t.amount_cents < 0)
        return {
            "balance_cents": wallet.balance_cents,
            "credits_cents": credits,
            "debits_cents": debits,
            "items": [
                {"amount_cents": t.amount_cents, "kind": t.kind, "reference": t.reference, "at": t.created_at.isoformat()}
                for t in items
            ],
        }

    async def credit_promo(self, rider_id: uuid.UUID, amount_cents: int, code: str) -> int:
        wallet = await self._repo.get_by_rider(rider_id)
        if wallet is None:
            raise NotFound("wallet not found")
        await self._repo.add_transaction(wallet.id, amount_cents, "promo", reference(f"promo_{code}"))
        return await self._repo.credit(wallet.id, amount_cents)
