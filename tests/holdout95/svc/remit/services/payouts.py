"""Payout dispatch to partners and status tracking."""
from __future__ import annotations

import logging

from ..clients.payouts import PayoutPartnerClient, PayoutRequest, PayoutStatus
from ..errors import FundingDeclined, PartnerError
from ..models import Recipient, Transfer, TransferStatus
from ..repositories.transfers import TransferRepository
from ..utils.money import currency_for_country
from .events import AuditLog, TransferEvents
from .funding import FundingService
from .ledger import LedgerService
from .notifications import Notifier

log = logging.getLogger(__name__)

METHOD_PARTNER = {"bank": "bankrail", "wallet": "mobiwallet", "cash": "pickupnet"}


class PayoutService:
    def __init__(
        self, partners: dict[str, PayoutPartnerClient], ledger: LedgerService, funding: FundingService,
        publisher: TransferEvents, audit: AuditLog, notifier: Notifier,
    ) -> None:
        self._partners = partners
        self._ledger = ledger
        self._funding = funding
        self._publisher = publisher
        self._audit = audit
        self._notifier = notifier

    def client_for(self, method: str) -> PayoutPartnerClient:
        return self._partners[METHOD_PARTNER[method]]

    async def dispatch(self, transfers: TransferRepository, transfer: Transfer, recipient: Recipient,
                       source_currency: str) -> str:
        client = self.client_for(transfer.payout_method)
        target_currency = currency_for_country(recipient.country)
        request = PayoutRequest(
            transfer_id=str(transfer.id), amount=transfer.target_amount, currency=target_currency,
            recipient_name=recipient.full_name, account_number=recipient.account_number,
            wallet_msisdn=recipient.wallet_msisdn, country=recipient.country,
        )
        reference = await client.submit(request)
        await self._ledger.post_entries(
            transfer.id,
            self._ledger.payout_entries(transfer.sender_id, client.partner_id, transfer.source_amount,
                                        transfer.fee, source_currency, transfer.target_amount, target_currency),
        )
        await transfers.set_status(transfer.id, TransferStatus.PAYOUT_PENDING, partner_id=client.partner_id,
                                   partner_reference=reference)
        self._audit.record("system", "payout.submitted", str(transfer.id), partner=client.partner_id,
                           reference=reference)
        await self._publisher.publish(transfer.id, TransferStatus.PAYOUT_PENDING.value)
        self._notifier.notify_recipient(
            recipient.wallet_msisdn, f"{transfer.target_amount} {target_currency} is on its way to you"
        )
        return reference

    async def apply_status(self, transfers: TransferRepository, transfer: Transfer, status: PayoutStatus,
                           source_currency: str) -> None:
        if status.state == "paid":
            await transfers.set_status(transfer.id, TransferStatus.PAID_OUT)
            await self._publisher.publish(transfer.id, TransferStatus.PAID_OUT.value)
        elif status.state == "ready_for_pickup":
            await self._publisher.publish(transfer.id, "ready_for_pickup", detail=status.detail)
        elif status.state == "failed":
            log.warning("payout for %s failed at partner: %s", transfer.id, status.detail)
            await transfers.set_status(transfer.id, TransferStatus.FAILED)
            try:
                await self._funding.refund(transfer, source_currency)
            except FundingDeclined:
                pass
            await self._audit.record("system", "payout.failed", str(transfer.id), detail=status.detail)
            await self._publisher.publish(transfer.id, TransferStatus.FAILED.value, reason="payout_failed")

    async def poll(self, transfer: Transfer) -> PayoutStatus | None:
        if not transfer.partner_id or not transfer.partner_reference:
            return None
        client = self._partners[transfer.partner_id]
        try:
            return await client.get_status(transfer.partner_reference)
        except PartnerError:
            log.warning("status poll for %s at %s failed", transfer.id, transfer.partner_id, exc_info=True)
            return None
