from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from redis.asyncio import Redis

from svc.clients.kyc import SanctionsClient
from svc.errors import ConflictError, InsufficientFundsError, KycRejectedError, NotFoundError
from svc.repositories.accounts import UserRepository, WalletRepository
from svc.repositories.payments import TransferRepository
from svc.services.ledger import LedgerService
from svc.services.limits import LimitService
from svc.services.notifications import AuditLog, NotificationService

logger = logging.getLogger(__name__)

IDEMPOTENCY_TTL_S = 86_400


@dataclass(frozen=True, slots=True)
class SendMoney:
    recipient_handle: str
    amount_minor: int
    currency: str
    idempotency_key: str
    memo: str | None = None


@dataclass(frozen=True, slots=True)
class TransferResult:
    id: UUID
    amount_minor: int
    currency: str
    status: str
    created_at: datetime | None = None

    @classmethod
    def from_record(cls, row: asyncpg.Record) -> TransferResult:
        return cls(row["id"], row["amount_minor"], row["currency"], row["status"], row["created_at"])


@dataclass(frozen=True, slots=True)
class HistoryItem:
    id: UUID
    direction: str
    amount_minor: int
    currency: str
    counterparty_handle: str | None
    memo: str | None
    created_at: datetime


class TransferService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        acquire_timeout: float,
        users: UserRepository,
        wallets: WalletRepository,
        transfers: TransferRepository,
        ledger: LedgerService,
        limits: LimitService,
        notifications: NotificationService,
        audit: AuditLog,
        idempotency: Redis,
        sanctions: SanctionsClient,
    ) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout
        self._users = users
        self._wallets = wallets
        self._transfers = transfers
        self._ledger = ledger
        self._limits = limits
        self._notifications = notifications
        self._audit = audit
        self._idempotency = idempotency
        self._sanctions = sanctions
        self._background: set[asyncio.Task[None]] = set()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def send(self, sender_id: UUID, cmd: SendMoney) -> TransferResult:
        claim_key = f"idem:transfer:{sender_id}:{cmd.idempotency_key}"
        claimed = await self._idempotency.set(claim_key, "pending", nx=True, ex=IDEMPOTENCY_TTL_S)
        if not claimed:
            existing = await self._transfers.get_by_idempotency_key(cmd.idempotency_key)
            if existing is None:
                raise ConflictError("a transfer with this idempotency key is in progress")
            return TransferResult.from_record(existing)
        try:
            return await self._execute(sender_id, cmd)
        except Exception:
            await self._idempotency.delete(claim_key)
            raise

    async def _execute(self, sender_id: UUID, cmd: SendMoney) -> TransferResult:
        await self._limits.reserve(sender_id, cmd.amount_minor)
        sender_wallet = await self._wallets.get_for_user(sender_id, cmd.currency)
        recipient = await self._users.by_handle(cmd.recipient_handle)
        if sender_wallet is None or recipient is None:
            raise NotFoundError("wallet or recipient not found")
        if recipient["kyc_status"] != "approved":
            raise KycRejectedError("recipient has not completed verification")
        screening = await self._sanctions.screen(recipient["display_name"])
        if screening.hit:
            raise KycRejectedError("transfer blocked by compliance screening")
        recipient_wallet = await self._wallets.get_by_user_currency(recipient["id"], cmd.currency)

        async with self._pool.acquire(timeout=self._acquire_timeout) as conn, conn.transaction():
            await self._wallets.lock_pair(conn, sender_wallet["id"], recipient_wallet["id"])
            debited = await self._wallets.debit(conn, sender_wallet["id"], cmd.amount_minor)
            if debited is None:
                raise InsufficientFundsError("insufficient balance")
            await self._wallets.credit(conn, recipient_wallet["id"], cmd.amount_minor)
            transfer_id = await self._transfers.insert(
                conn,
                sender_wallet_id=sender_wallet["id"],
                recipient_wallet_id=recipient_wallet["id"],
                amount_minor=cmd.amount_minor,
                currency=cmd.currency,
                idempotency_key=cmd.idempotency_key,
                memo=cmd.memo,
            )
            await self._ledger.record_transfer(
                conn, transfer_id, sender_wallet["id"], recipient_wallet["id"], cmd.amount_minor, cmd.currency
            )

        self._audit.record("transfer.created", actor=sender_id, subject=transfer_id)
        received = self._notifications.transfer_received(recipient["id"], cmd.amount_minor, cmd.currency, transfer_id)
        asyncio.create_task(received)
        self._spawn(self._notifications.transfer_sent(sender_id, cmd.amount_minor, cmd.currency, transfer_id))
        return TransferResult(transfer_id, cmd.amount_minor, cmd.currency, "completed")

    async def history(self, user_id: UUID, currency: str, page: int, page_size: int = 25) -> list[HistoryItem]:
        wallet = await self._wallets.get_for_user(user_id, currency)
        if wallet is None:
            raise NotFoundError("wallet not found")
        rows = await self._transfers.history(wallet["id"], page_size, page * page_size)
        items: list[HistoryItem] = []
        for row in rows:
            outgoing = row["sender_wallet_id"] == wallet["id"]
            counterparty_id = row["recipient_user_id"] if outgoing else row["sender_user_id"]
            profile = await self._users.get_public_profile(counterparty_id)
            items.append(
                HistoryItem(
                    id=row["id"],
                    direction="out" if outgoing else "in",
                    amount_minor=row["amount_minor"],
                    currency=row["currency"],
                    counterparty_handle=profile["handle"] if profile else None,
                    memo=row["memo"],
                    created_at=row["created_at"],
                )
            )
        return items
