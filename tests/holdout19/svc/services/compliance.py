from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from redis.asyncio import Redis

from svc import errors
from svc.clients.card_issuer import CardIssuerClient
from svc.clients.kyc import Applicant, KycClient
from svc.repositories.accounts import UserRepository
from svc.repositories.payments import TransferRepository
from svc.repositories.records import CardRepository, KycRepository
from svc.services.notifications import NotificationService

logger = logging.getLogger(__name__)

WEBHOOK_DEDUP_TTL_S = 72 * 3600


class KycService:
    def __init__(self, repo: KycRepository, users: UserRepository, client: KycClient) -> None:
        self._repo = repo
        self._users = users
        self._client = client

    async def start_verification(self, user_id: UUID, applicant: Applicant) -> str:
        latest = await self._repo.latest_for_user(user_id)
        if latest is not None and latest["status"] == "pending":
            return str(latest["provider_ref"])
        provider_ref = await self._client.submit_applicant(applicant, idempotency_key=f"kyc-{user_id}")
        await self._repo.insert(user_id, provider_ref)
        return provider_ref

    async def refresh_status(self, user_id: UUID) -> str:
        latest = await self._repo.latest_for_user(user_id)
        if latest is None:
            raise errors.NotFoundError("no verification started")
        status = await self._client.get_verification_status(latest["provider_ref"])
        if status != latest["status"]:
            await self._repo.set_status(latest["id"], status)
            await self._users.set_kyc_status(user_id, status)
        return status

    async def handle_webhook(self, provider_ref: str, status: str) -> None:
        check = await self._repo.find_by_provider_ref(provider_ref)
        if check is None:
            raise errors.NotFoundError(f"unknown applicant {provider_ref}")
        await self._repo.set_status(check["id"], status)
        await self._users.set_kyc_status(check["user_id"], status)

    async def require_verified(self, user_id: UUID) -> None:
        user = await self._users.get(user_id)
        if user is None or user["kyc_status"] != "approved":
            raise errors.KycRejected("identity verification required")


@dataclass(frozen=True, slots=True)
class CardMeta:
    issuer_card_id: str
    network: str
    product: str


@dataclass(frozen=True, slots=True)
class IssuerEvent:
    id: str
    type: str
    data: dict[str, Any]


class CardService:
    def __init__(
        self,
        repo: CardRepository,
        transfers: TransferRepository,
        issuer: CardIssuerClient,
        notifications: NotificationService,
        dedup: Redis,
    ) -> None:
        self._repo = repo
        self._transfers = transfers
        self._issuer = issuer
        self._notifications = notifications
        self._dedup = dedup
        self._issuer_lock = asyncio.Lock()
        self._card_meta: dict[str, CardMeta] = {}

    async def freeze(self, user_id: UUID, card_id: UUID) -> None:
        card = await self._repo.get_owned(card_id, user_id)
        async with self._issuer_lock:
            await self._issuer.freeze_card(card["issuer_card_id"])
            await self._repo.transition(card_id, "frozen")

    async def card_meta(self, issuer_card_id: str) -> CardMeta:
        meta = self._card_meta.get(issuer_card_id)
        if meta is None:
            body = await self._issuer.get_card(issuer_card_id)
            meta = CardMeta(issuer_card_id, body["network"], body["product"])
            self._card_meta[issuer_card_id] = meta
        return meta

    async def handle_issuer_event(self, event: IssuerEvent) -> None:
        dedup_key = f"cardevt:{event.id}"
        if await self._dedup.exists(dedup_key):
            logger.info("duplicate issuer event %s ignored", event.id)
            return
        if event.type == "payout.settled":
            transfer = await self._transfers.find_by_external_ref(event.data["payout_id"])
            if transfer is not None:
                await self._transfers.mark_status(transfer["id"], "settled")
        elif event.type in {"card.frozen", "card.closed"}:
            card = await self._repo.get_by_issuer_id(event.data["card_id"])
            if card is not None:
                await self._repo.transition(card["id"], event.type.split(".", 1)[1])
                meta = await self.card_meta(event.data["card_id"])
                await self._notifications.card_event(card["user_id"], f"{meta.product}-{event.type}", card["last4"])
        await self._dedup.set(dedup_key, "1", ex=WEBHOOK_DEDUP_TTL_S)
