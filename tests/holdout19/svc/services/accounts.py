from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID, uuid4

from cachetools import TTLCache
from redis.asyncio import Redis

from svc.clients.card_issuer import CardIssuerClient
from svc.errors import ConflictError, InsufficientFundsError, InvalidPinError, LimitExceededError, NotFoundError
from svc.repositories.accounts import UserRepository, WalletRepository
from svc.repositories.records import CardRepository
from svc.security import hash_pin, pin_matches

logger = logging.getLogger(__name__)

MAX_PIN_ATTEMPTS = 5
PIN_LOCKOUT_S = 900


@dataclass(frozen=True, slots=True)
class PublicProfile:
    id: UUID
    handle: str
    display_name: str


class AccountService:
    def __init__(self, users: UserRepository, wallets: WalletRepository, ratelimit: Redis) -> None:
        self._users = users
        self._wallets = wallets
        self._ratelimit = ratelimit
        self._profiles: TTLCache[UUID, PublicProfile] = TTLCache(maxsize=20_000, ttl=300)

    async def register(self, *, email: str, handle: str, display_name: str, phone: str | None, currency: str) -> UUID:
        user_id = await self._users.create(email=email, handle=handle, display_name=display_name, phone=phone)
        if user_id is None:
            raise ConflictError("email or handle already registered")
        await self._wallets.ensure(user_id, currency)
        return user_id

    async def set_pin(self, user_id: UUID, pin: str) -> None:
        salt = os.urandom(16)
        digest = await asyncio.to_thread(hash_pin, pin, salt)
        await self._users.set_pin(user_id, digest, salt)

    async def verify_pin(self, user_id: UUID, pin: str) -> None:
        await self._count_pin_attempt(user_id)
        user = await self._users.get(user_id)
        if user is None or user["pin_hash"] is None:
            raise NotFoundError("no PIN set for this account")
        if not pin_matches(pin, user["pin_salt"], user["pin_hash"]):
            raise InvalidPinError("incorrect PIN")
        await self._ratelimit.delete(f"pin-attempts:{user_id}")

    async def _count_pin_attempt(self, user_id: UUID) -> None:
        key = f"pin-attempts:{user_id}"
        async with self._ratelimit.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, PIN_LOCKOUT_S, nx=True)
            attempts, _ = await pipe.execute()
        if int(attempts) > MAX_PIN_ATTEMPTS:
            raise LimitExceededError("too many PIN attempts, try again later")

    async def public_profile(self, user_id: UUID) -> PublicProfile:
        cached = self._profiles.get(user_id)
        if cached is not None:
            return cached
        row = await self._users.get_public_profile(user_id)
        if row is None:
            raise NotFoundError("user not found")
        profile = PublicProfile(id=row["id"], handle=row["handle"], display_name=row["display_name"])
        self._profiles[user_id] = profile
        return profile

    async def public_profiles(self, user_ids: Sequence[UUID]) -> dict[UUID, PublicProfile]:
        rows = await self._users.get_public_profiles(user_ids)
        return {uid: PublicProfile(id=r["id"], handle=r["handle"], display_name=r["display_name"]) for uid, r in rows.items()}

    async def search(self, term: str) -> list[PublicProfile]:
        rows = await self._users.search(term.strip()[:64])
        return [PublicProfile(id=r["id"], handle=r["handle"], display_name=r["display_name"]) for r in rows]


class WalletService:
    def __init__(self, wallets: WalletRepository, cards: CardRepository, issuer: CardIssuerClient) -> None:
        self._wallets = wallets
        self._cards = cards
        self._issuer = issuer

    async def balances(self, user_id: UUID) -> dict[str, int]:
        rows = await self._wallets.list_for_user(user_id)
        return {row["currency"]: row["balance_minor"] for row in rows}

    async def wallet_id(self, user_id: UUID, currency: str) -> UUID:
        wallet = await self._wallets.get_for_user(user_id, currency.upper())
        if wallet is None:
            raise NotFoundError(f"no {currency} wallet")
        return wallet["id"]

    async def withdraw_to_card(self, user_id: UUID, currency: str, amount_minor: int, card_id: UUID) -> int:
        """Pay out wallet funds to one of the user's own cards."""
        wallet = await self._wallets.get_for_user(user_id, currency)
        if wallet is None:
            raise NotFoundError(f"no {currency} wallet")
        card = await self._cards.get_owned(card_id, user_id)
        if wallet["balance_minor"] < amount_minor:
            raise InsufficientFundsError("insufficient balance")
        payout_id = await self._issuer.push_to_card(card["issuer_card_id"], amount_minor, currency, reference=str(uuid4()))
        new_balance = wallet["balance_minor"] - amount_minor
        await self._wallets.set_balance(wallet["id"], new_balance)
        logger.info("payout %s to card %s for wallet %s", payout_id, card["last4"], wallet["id"])
        return new_balance
