"""Rider accounts, fare-card balance, taps with daily capping, and top-ups through the payment provider."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

import jwt
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from transit.clients.payments import PaymentDeclined, PaymentError, PaymentsClient
from transit.db.models import PaymentEvent, Rider, TopUp
from transit.repos.accounts import AccountsRepository
from transit.utils.timeutil import service_date, service_day_bounds

logger = logging.getLogger(__name__)

BASE_FARE_CENTS = 250
REDUCED_FARE_CENTS = 125


class CardNotFound(Exception):
    pass


class InsufficientBalance(Exception):
    pass


@dataclass
class TapResult:
    charged_cents: int
    balance_cents: int
    capped: bool


class FareService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        payments: PaymentsClient,
        daily_cap_cents: int,
    ) -> None:
        self._sessions = sessions
        self._payments = payments
        self._daily_cap_cents = daily_cap_cents

    def fare_for(self, reduced: bool, spent_today: int) -> tuple[int, bool]:
        base = REDUCED_FARE_CENTS if reduced else BASE_FARE_CENTS
        remaining = max(0, self._daily_cap_cents - spent_today)
        return min(base, remaining), remaining < base

    async def tap(self, card_number: str, stop_id: str, route_id: str | None, at: datetime, reduced: bool = False) -> TapResult:
        async with self._sessions() as session:
            repo = AccountsRepository(session)
            card = await repo.card_by_number(card_number)
            if card is None:
                raise CardNotFound(card_number)
            start, _ = service_day_bounds(service_date(at))
            spent = await repo.spent_since(card.id, start)
            fare, capped = self.fare_for(reduced, spent)
            balance = await repo.debit_if_sufficient(card.id, fare)
            if balance is None:
                await session.rollback()
                raise InsufficientBalance(card_number)
            await repo.add_transaction(card.id, stop_id, route_id, fare, at)
            await session.commit()
            return TapResult(charged_cents=fare, balance_cents=balance, capped=capped)

    async def top_up(self, card_id: int, amount_cents: int, payment_method: str, idempotency_key: str | None = None) -> int:
        key = idempotency_key or uuid.uuid4().hex
        async with self._sessions() as session:
            repo = AccountsRepository(session)
            card = await repo.card(card_id)
            if card is None:
                raise CardNotFound(str(card_id))
            top_up = TopUp(card_id=card_id, amount_cents=amount_cents, idempotency_key=key, status="pending")
            session.add(top_up)
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()
                existing = await repo.top_up_by_key(key)
                return existing.amount_cents if existing else 0

            try:
                charge = await self._payments.charge(
                    amount_cents=amount_cents, payment_method=payment_method, idempotency_key=key
                )
            except PaymentDeclined:
                top_up.status = "declined"
                await session.commit()
                raise
            except PaymentError:
                top_up.status = "error"
                await session.commit()
                raise

            top_up.provider_reference = charge.reference
            top_up.status = charge.status
            if charge.status == "succeeded":
                card.balance_cents = card.balance_cents + amount_cents
            await session.commit()
            return card.balance_cents

    async def settle_webhook(self, event_id: str, kind: str, reference: str) -> None:
        """Provider callback for charges that completed asynchronously (3-D Secure)."""
        async with self._sessions() as session:
            repo = AccountsRepository(session)
            if await repo.payment_event_seen(event_id):
                return
            session.add(PaymentEvent(event_id=event_id, kind=kind))
            top_up = await repo.top_up_by_reference(reference)
            if top_up is None:
                logger.warning("webhook %s for unknown charge %s", event_id, reference)
                await session.commit()
                return
            if kind == "charge.succeeded" and top_up.status != "succeeded":
                card = await repo.card_for_update(top_up.card_id)
                top_up.status = "succeeded"
                card.balance_cents += top_up.amount_cents
            elif kind == "charge.failed":
                top_up.status = "failed"
            await session.commit()

    async def balance_dollars(self, card_id: int) -> str:
        async with self._sessions() as session:
            card = await AccountsRepository(session).card(card_id)
            if card is None:
                raise CardNotFound(str(card_id))
            return str((Decimal(card.balance_cents) / 100).quantize(Decimal("0.01")))


PBKDF2_ITERATIONS = 600_000
TOKEN_TTL_S = 7 * 24 * 3600


class InvalidCredentials(Exception):
    pass


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    salt_b64, digest_b64 = stored.split("$", 1)
    salt = base64.b64decode(salt_b64)
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return hmac.compare_digest(candidate, base64.b64decode(digest_b64))


class AccountService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], jwt_secret: str) -> None:
        self._sessions = sessions
        self._jwt_secret = jwt_secret

    async def register(self, email: str, password: str, phone: str | None) -> int:
        password_hash = await asyncio.to_thread(hash_password, password)
        async with self._sessions() as session:
            rider = Rider(email=email.lower(), password_hash=password_hash, phone=phone)
            session.add(rider)
            await session.commit()
            return rider.id

    async def login(self, email: str, password: str) -> str:
        async with self._sessions() as session:
            rider = await AccountsRepository(session).rider_by_email(email)
        if rider is None or not verify_password(password, rider.password_hash):
            raise InvalidCredentials(email)
        return self.issue_token(rider.id)

    def issue_token(self, rider_id: int) -> str:
        now = int(time.time())
        return jwt.encode({"sub": str(rider_id), "iat": now, "exp": now + TOKEN_TTL_S}, self._jwt_secret, algorithm="HS256")

    async def update_push_token(self, rider_id: int, token: str) -> None:
        async with self._sessions() as session:
            rider = await session.get(Rider, rider_id)
            if rider is None:
                return
            rider.push_token = token
            session.commit()
