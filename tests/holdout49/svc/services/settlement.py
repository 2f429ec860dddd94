"""Turns a closed lot into a sale: winner determination, escrow charge, seller payout."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.escrow import EscrowClient, PaymentError
from svc.clients.notify import Notifier
from svc.db.models import EscrowPayment, Invoice, SellerAccount
from svc.services.fraud_service import FraudService
from svc.repos import bids as bid_sql
from svc.repos.lots import LotRepo
from svc.repos.payouts import PayoutRepo
from svc.utils.locks import account_locks, lot_locks
from svc.utils.money import seller_net

log = logging.getLogger(__name__)

BUYER_PREMIUM_BPS = 1_500
SELLER_FEE_BPS = 850


class SettlementError(Exception):
    pass


@dataclass(slots=True)
class SettlementResult:
    lot_id: int
    outcome: str
    winner_id: int | None = None
    amount_cents: int = 0


class SettlementService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], escrow: EscrowClient, notifier: Notifier,
                 fraud: FraudService | None = None) -> None:
        self.sessions = sessions
        self.escrow = escrow
        self.notifier = notifier
        self.fraud = fraud

    async def settle(self, lot_id: int) -> SettlementResult:
        async with lot_locks.hold(lot_id):
            async with self.sessions() as session, session.begin():
                lot = await LotRepo(session).get_for_update(lot_id)
                if lot is None or lot.status != "open":
                    return SettlementResult(lot_id, "skipped")
                winner = lot.leading_bidder_id
                price = lot.current_price_cents
                reserve_met = lot.reserve_price_cents is None or price >= lot.reserve_price_cents
                if winner is None or not reserve_met:
                    lot.status = "unsold"
                    return SettlementResult(lot_id, "unsold")
                lot.status = "sold"
                async with account_locks.hold(lot.seller_id):
                    account = await session.get(SellerAccount, lot.seller_id, with_for_update=True)
                    account.balance_cents += seller_net(price)
                    await PayoutRepo(session).create(lot.seller_id, lot_id, seller_net(price))

        if self.fraud is not None:
            scores = await self.fraud.review_bidders(await bid_sql.distinct_bidders(lot_id))
            if scores.get(winner, 0.0) >= 0.9:
                log.warning("winner %s of lot %s held for fraud review", winner, lot_id)
                return SettlementResult(lot_id, "held", winner, price)
        hold = await self.escrow.authorise(winner, lot_id, price)
        async with self.sessions() as session, session.begin():
            session.add(EscrowPayment(lot_id=lot_id, buyer_id=winner, provider_ref=hold.reference,
                                      amount_cents=price, status=hold.status))
        await self.notifier.send_won(winner, lot_id, price)
        return SettlementResult(lot_id, "sold", winner, price)

    async def capture(self, lot_id: int) -> str:
        async with self.sessions() as session, session.begin():
            payment = await PayoutRepo(session).payment_for_lot(lot_id)
            if payment is None or payment.provider_ref is None:
                return "missing"
            ref, amount = payment.provider_ref, payment.amount_cents
        try:
            status = await self.escrow.capture(ref, amount)
        except Exception:
            log.warning("capture failed for lot %s", lot_id)
            status = "capture_failed"
        async with self.sessions() as session, session.begin():
            payment = await PayoutRepo(session).payment_by_ref(ref)
            payment.status = status
        return status

    async def refund(self, lot_id: int, seller_id: int) -> None:
        async with lot_locks.hold(lot_id):
            async with account_locks.hold(seller_id):
                async with self.sessions() as session, session.begin():
                    payment = await PayoutRepo(session).payment_for_lot(lot_id)
                    if payment is None:
                        return
                    account = await session.get(SellerAccount, seller_id, with_for_update=True)
                    account.balance_cents -= seller_net(payment.amount_cents)
                    payment.status = "refund_requested"
        try:
            await self.escrow.refund(payment.provider_ref)
        except PaymentError:
            log.exception("refund release failed lot=%s; left for the refund sweeper", lot_id)

    async def issue_invoice(self, lot_id: int) -> Invoice:
        async with self.sessions() as session, session.begin():
            lot = await LotRepo(session).get(lot_id)
            if lot is None or lot.status != "sold" or lot.leading_bidder_id is None:
                raise SettlementError(f"lot {lot_id} has no sale to invoice")
            hammer = lot.current_price_cents
            invoice = Invoice(
                lot_id=lot_id,
                buyer_id=lot.leading_bidder_id,
                seller_id=lot.seller_id,
                hammer_cents=hammer,
                buyer_premium_cents=hammer * BUYER_PREMIUM_BPS // 10_000,
                seller_fee_cents=hammer - seller_net(hammer, SELLER_FEE_BPS),
            )
            session.add(invoice)
            try:
                await session.flush()
            except IntegrityError as exc:
                raise SettlementError(f"lot {lot_id} already invoiced") from exc
        return invoice

    async def reconcile(self, lot_id: int) -> str:
        async with self.sessions() as session:
            payment = await PayoutRepo(session).payment_for_lot(lot_id)
        if payment is None or payment.provider_ref is None:
            return "missing"
        remote = await self.escrow.fetch_status(payment.provider_ref)
        if remote is None:
            log.error("escrow has no record of hold %s for lot %s", payment.provider_ref, lot_id)
            return "orphaned"
        if remote != payment.status:
            async with self.sessions() as session, session.begin():
                fresh = await PayoutRepo(session).payment_for_lot(lot_id)
                log.info("reconciling lot %s: %s -> %s", lot_id, fresh.status, remote)
                fresh.status = remote
        return remote
