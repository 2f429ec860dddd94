"""Sender profile, PIN and recipient management."""
from __future__ import annotations

import asyncio
import json
import uuid

from redis.asyncio import Redis

from ..errors import NotFound, RemitError
from ..models import Recipient
from ..repositories.customers import RecipientRepository, SenderRepository
from ..utils.crypto import hash_pin, verify_pin
from ..utils.money import normalize_account

PROFILE_TTL = 600


class CustomerService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def profile(self, senders: SenderRepository, sender_id: uuid.UUID) -> dict:
        key = f"profile:{sender_id}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        sender = await senders.get(sender_id)
        if sender is None:
            raise NotFound("sender not found")
        data = {"id": str(sender.id), "name": sender.full_name, "country": sender.country,
                "kyc_tier": int(sender.kyc_tier)}
        await self._redis.set(key, json.dumps(data), ex=PROFILE_TTL)
        return data

    async def set_pin(self, senders: SenderRepository, sender_id: uuid.UUID, pin: str) -> None:
        if not (pin.isdigit() and len(pin) in (4, 6)):
            raise RemitError("PIN must be 4 or 6 digits")
        await senders.set_pin_hash(sender_id, hash_pin(pin))

    async def check_pin(self, senders: SenderRepository, sender_id: uuid.UUID, pin: str) -> bool:
        sender = await senders.get(sender_id)
        if sender is None or sender.pin_hash is None:
            return False
        return await asyncio.to_thread(verify_pin, pin, sender.pin_hash)

    async def add_recipient(
        self, recipients: RecipientRepository, sender_id: uuid.UUID, full_name: str, country: str,
        payout_method: str, account_number: str | None, wallet_msisdn: str | None,
    ) -> Recipient:
        recipient = Recipient(
            sender_id=sender_id,
            full_name=full_name.strip(),
            country=country.upper(),
            payout_method=payout_method,
            account_number=normalize_account(account_number) if account_number else None,
            wallet_msisdn=wallet_msisdn,
        )
        return await recipients.add(recipient)
