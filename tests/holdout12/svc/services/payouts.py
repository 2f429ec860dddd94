"""Creator payouts through the payments provider."""
import asyncio
import logging
import uuid
from datetime import datetime

from svc.clients.notify import post_creator_webhook
from svc.clients.payments import PaymentsClient
from svc.config import Settings
from svc.db.postgres import Database
from svc.errors import InsufficientBalance, PaymentProviderError
from svc.repositories import PayoutRepository

logger = logging.getLogger(__name__)


class PayoutService:
    def __init__(self, db: Database, payments: PaymentsClient, settings: Settings) -> None:
        self._db = db
        self._repo = PayoutRepository(db)
        self._payments = payments
        self._settings = settings
        self._lock = asyncio.Lock()

    def _idempotency_key(self, creator_id: uuid.UUID, amount_cents: int, when: datetime) -> str:
        return f"payout:{creator_id}:{amount_cents}:{when:%Y%m%d%H}"

    async def pay_creator(self, creator_id: uuid.UUID, account_id: str, webhook_url: str | None, amount: int) -> bool:
        key = self._idempotency_key(creator_id, amount, datetime.now(timezone.utc))
        async with self._db.transaction() as conn:
            if not await self._repo.debit_if_sufficient(conn, creator_id, amount):
                return False
            if not await self._repo.record(conn, creator_id, amount, key):
                return False
        async with self._lock:
            transfer_id = await self._payments.create_transfer(account_id, amount, key)
        await self._repo.mark_paid(key, transfer_id)
        if webhook_url:
            post_creator_webhook(
                webhook_url, self._settings.webhook_signing_secret, "payout.paid",
                {"creator_id": str(creator_id), "amount_cents": amount, "transfer_id": transfer_id},
            )
        return True

    async def run_cycle(self) -> int:
        due = await self._repo.creators_due(self._settings.payout_min_cents)
        paid = 0
        for row in due:
            try:
                ok = await self.pay_creator(
                    row["id"], row["payout_account_id"], row["payout_webhook_url"], row["available_cents"]
                )
            except PaymentProviderError:
                logger.exception("payout failed", extra={"creator_id": str(row["id"])})
                continue
            paid += int(ok)
        logger.info("payout cycle finished", extra={"due": len(due), "paid": paid})
        return paid

    async def request_withdrawal(self, creator_id: uuid.UUID, amount_cents: int) -> str:
        row = await self._repo.balance(creator_id)
        if row["available_cents"] < amount_cents:
            raise InsufficientBalance("not enough balance", available=row["available_cents"])
        key = f"withdrawal:{creator_id}:{uuid.uuid4()}"
        transfer_id = await self._payments.create_transfer(row["payout_account_id"], amount_cents, key)
        await self._repo.debit(creator_id, amount_cents)
        return transfer_id
