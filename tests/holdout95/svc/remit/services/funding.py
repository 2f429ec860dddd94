"""Card funding: payment intents out, processor webhooks in."""
from __future__ import annotations

import logging
import uuid

import httpx

from ..clients.card_processor import CardProcessorClient, ProcessorEvent
from ..errors import FundingDeclined, NotFound
from ..models import Transfer, TransferStatus
from ..repositories.events import EventRepository
from ..repositories.transfers import TransferRepository
from ..utils.money import to_minor
from .events import TransferEvents
from .ledger import LedgerService

log = logging.getLogger(__name__)


class FundingService:
    def __init__(
        self, processor: CardProcessorClient, events: EventRepository, ledger: LedgerService,
        publisher: TransferEvents,
    ) -> None:
        self._processor = processor
        self._events = events
        self._ledger = ledger
        self._publisher = publisher

    async def start_funding(self, transfers: TransferRepository, transfer: Transfer, currency: str) -> dict:
        try:
            intent = await self._processor.create_payment_intent(
                to_minor(transfer.source_amount + transfer.fee, currency), currency, str(transfer.id)
            )
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 402:
                raise FundingDeclined("card was declined")
            raise
        await transfers.set_status(transfer.id, TransferStatus.FUNDING, payment_intent_id=intent["id"])
        return {"client_secret": intent["client_secret"], "payment_intent_id": intent["id"]}

    async def handle_event(self, transfers: TransferRepository, event: ProcessorEvent, currency: str) -> None:
        if await self._events.seen("card", event.id):
            log.info("duplicate processor event %s ignored", event.id)
            return
        transfer = await transfers.by_payment_intent(event.payment_intent_id)
        if transfer is None:
            raise NotFound(f"no transfer for intent {event.payment_intent_id}")
        if event.type == "payment_intent.amount_capturable_updated":
            await self._processor.capture(event.payment_intent_id)
        elif event.type == "payment_intent.succeeded":
            await self._ledger.post_entries(
                transfer.id,
                self._ledger.funding_entries(transfer.sender_id, transfer.source_amount + transfer.fee,
                                             transfer.fee, currency),
            )
            await transfers.set_status(transfer.id, TransferStatus.FUNDED)
            self._publisher.publish(transfer.id, TransferStatus.FUNDED.value)
        elif event.type == "payment_intent.payment_failed":
            await transfers.set_status(transfer.id, TransferStatus.FAILED)
            await self._publisher.publish(transfer.id, TransferStatus.FAILED.value, reason="card_failed")
        await self._events.mark("card", event.id)

    async def refund(self, transfer: Transfer, currency: str) -> None:
        if not transfer.payment_intent_id:
            return
        try:
            await self._processor.refund(transfer.payment_intent_id, to_minor(transfer.source_amount + transfer.fee, currency))
        except httpx.HTTPStatusError as exc:
            raise FundingDeclined(f"refund rejected for {transfer.id}") from exc
        await self._ledger.post_entries(
            transfer.id,
            self._ledger.refund_entries(transfer.sender_id, transfer.source_amount + transfer.fee, transfer.fee, currency),
        )

    async def intent_for(self, transfers: TransferRepository, transfer_id: uuid.UUID) -> str | None:
        transfer = await transfers.get(transfer_id)
        return transfer.payment_intent_id if transfer else None
