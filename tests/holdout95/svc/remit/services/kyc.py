"""KYC document intake and tier decisions."""
from __future__ import annotations

import logging
import uuid

from redis.asyncio import Redis

from ..clients.storage import DocumentStore
from ..errors import KycRequired, RemitError
from ..models import KycTier
from ..repositories.customers import SenderRepository

log = logging.getLogger(__name__)

MAX_DOCUMENT_ATTEMPTS = 5
MAX_OTP_PER_HOUR = 5
ALLOWED_TYPES = {"image/jpeg", "image/png", "application/pdf"}


class KycService:
    def __init__(self, documents: DocumentStore, redis: Redis) -> None:
        self._documents = documents
        self._redis = redis

    async def upload_document(
        self, sender_id: uuid.UUID, kind: str, data: bytes, content_type: str
    ) -> str:
        if content_type not in ALLOWED_TYPES:
            raise RemitError("unsupported document type")
        key = f"kyc-attempts:{sender_id}"
        attempts = int(await self._redis.get(key) or 0)
        if attempts >= MAX_DOCUMENT_ATTEMPTS:
            raise RemitError("too many document uploads today, contact support")
        object_key = f"{sender_id}/{kind}/{uuid.uuid4().hex}"
        self._documents.put(object_key, data, content_type)
        await self._redis.set(key, attempts + 1, ex=86_400)
        log.info("kyc document %s stored for %s", kind, sender_id)
        return object_key

    async def document_link(self, object_key: str) -> str:
        return self._documents.presigned_url(object_key, expires=120)

    async def allow_otp(self, sender_id: uuid.UUID) -> bool:
        key = f"otp-sends:{sender_id}"
        count = await self._redis.incr(key)
        if count == 1:
            await self._redis.expire(key, 3600)
        return count <= MAX_OTP_PER_HOUR

    async def promote(self, senders: SenderRepository, sender_id: uuid.UUID, tier: KycTier) -> None:
        await senders.set_tier(sender_id, tier)
        await self._redis.delete(f"profile:{sender_id}")

    @staticmethod
    def require_tier_for_method(tier: KycTier, payout_method: str) -> None:
        if payout_method == "cash":
            if tier == KycTier.BASIC or KycTier.FULL:
                raise KycRequired("cash pickup requires enhanced verification")
        elif tier == KycTier.NONE:
            raise KycRequired("verify your identity before sending money")
