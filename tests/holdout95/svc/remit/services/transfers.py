"""Transfer orchestration: quote acceptance, limits, screening, funding."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..errors import NotFound, RemitError, ScreeningBlocked
from ..models import Recipient, Transfer, TransferStatus
from ..repositories.customers import RecipientRepository, SenderRepository
from ..repositories.quotes import QuoteRepository
from ..repositories.screening import ScreeningRepository
from ..repositories.transfers import TransferRepository
from ..utils.money import corridor_code
from .events import TransferEvents
from .fees import FeeCalculator
from .kyc import KycService
from .ledger import LedgerService
from .limits import CorridorLimiter
from .quotes import QuoteService
from .screening import ScreeningService

log = logging.getLogger(__name__)


@dataclass
class Repos:
    senders: SenderRepository
    recipients: RecipientRepository
    quotes: QuoteRepository
    transfers: TransferRepository
    screening: ScreeningRepository


@dataclass(frozen=True)
class TransferView:
    transfer: Transfer
    recipient: Recipient | None


class TransferService:
    def __init__(
        self, quotes: QuoteService, limiter: CorridorLimiter, screening: ScreeningService,
        ledger: LedgerService, fees: FeeCalculator, publisher: TransferEvents,
    ) -> None:
        self._quotes = quotes
        self._limiter = limiter
        self._screening = screening
        self._ledger = ledger
        self._fees = fees
        self._publisher = publisher

    async def create(self, repos: Repos, sender_id: uuid.UUID, recipient_id: uuid.UUID,
                     quote_id: uuid.UUID) -> Transfer:
        sender = await repos.senders.get(sender_id)
        recipient = await repos.recipients.get(recipient_id)
        if sender is None or recipient is None or recipient.sender_id != sender_id:
            raise NotFound("sender or recipient not found")
        KycService.require_tier_for_method(sender.kyc_tier, recipient.payout_method)
        quote = await self._quotes.accept(repos.quotes, quote_id, sender_id)
        await self._limiter.reserve(sender.id, sender.kyc_tier, sender.country, recipient.country,
                                    quote.source_amount)
        transfer = Transfer(
            sender_id=sender.id,
            recipient_id=recipient.id,
            quote_id=quote.id,
            corridor=corridor_code(sender.country, recipient.country),
            source_amount=quote.source_amount,
            target_amount=self._fees.target_amount(quote.source_amount, quote.fee, quote.rate),
            fee=quote.fee,
            status=TransferStatus.SCREENING,
            payout_method=recipient.payout_method,
            recipient_name=recipient.full_name,
        )
        await repos.transfers.add(transfer)
        cleared = await self._screening.screen_transfer(repos.screening, transfer, sender, recipient)
        if not cleared:
            await repos.transfers.set_status(transfer.id, TransferStatus.HELD)
            await self._publisher.publish(transfer.id, TransferStatus.HELD.value)
            return transfer
        await repos.transfers.set_status(transfer.id, TransferStatus.CREATED)
        await self._publisher.publish(transfer.id, TransferStatus.CREATED.value)
        return transfer

    async def release_hold(self, repos: Repos, transfer_id: uuid.UUID, approved: bool) -> None:
        transfer = await repos.transfers.get_for_update(transfer_id)
        if transfer is None:
            raise NotFound("transfer not found")
        if transfer.status != TransferStatus.HELD:
            raise RemitError("transfer is not held")
        if approved:
            await repos.transfers.set_status(transfer.id, TransferStatus.CREATED)
            await self._publisher.publish(transfer.id, TransferStatus.CREATED.value)
            return
        await repos.transfers.set_status(transfer.id, TransferStatus.FAILED)
        await self._limiter.release(transfer.sender_id, transfer.corridor, transfer.created_at.date(),
                                    transfer.source_amount)
        await self._publisher.publish(transfer.id, TransferStatus.FAILED.value, reason="compliance")
        raise ScreeningBlocked("transfer rejected by compliance review")

    async def write_off(self, repos: Repos, transfer: Transfer, currency: str) -> None:
        """Reverse a failed transfer's fee income after a manual write-off."""
        entries = self._ledger.refund_entries(transfer.sender_id, transfer.fee, transfer.fee, currency)
        await self._ledger.post_entries(transfer.id, entries, memo="manual write-off")
        await repos.transfers.set_status(transfer.id, TransferStatus.REFUNDED)

    async def history(self, repos: Repos, sender_id: uuid.UUID, before: datetime | None) -> list[TransferView]:
        transfers = await repos.transfers.list_for_sender(sender_id, before=before)
        views = []
        for t in transfers:
            recipient = await repos.recipients.get(t.recipient_id)
            views.append(TransferView(t, recipient))
        return views

    async def search(self, repos: Repos, sender_id: uuid.UUID, term: str) -> list[TransferView]:
        transfers = await repos.transfers.search(sender_id, term)
        recipients = await repos.recipients.get_many(t.recipient_id for t in transfers)
        return [TransferView(t, recipients.get(t.recipient_id)) for t in transfers]

    async def get(self, repos: Repos, sender_id: uuid.UUID, transfer_id: uuid.UUID) -> Transfer:
        transfer = await repos.transfers.get(transfer_id)
        if transfer is None or transfer.sender_id != sender_id:
            raise NotFound("transfer not found")
        return transfer

    @staticmethod
    def total_sent(transfers: list[Transfer]) -> Decimal:
        return sum((t.source_amount for t in transfers), Decimal(0))
