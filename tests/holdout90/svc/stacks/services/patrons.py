from __future__ import annotations

import asyncio
import json
import logging

import bcrypt
import redis.asyncio as redis

from stacks.errors import NotFound, PatronBlocked, StacksError
from stacks.repositories.fines import FineRepository
from stacks.repositories.loans import LoanRepository
from stacks.repositories.patrons import PatronRepository
from stacks.settings import Settings
from stacks.utils.cards import luhn_ok
from stacks.utils.timeutil import now_utc

log = logging.getLogger(__name__)

NOTICE_CHANNELS = {"email": "email", "sms": "sms", "both": "email+sms"}


class PatronService:
    def __init__(
        self,
        settings: Settings,
        patrons: PatronRepository,
        loans: LoanRepository,
        fines: FineRepository,
        cache: redis.Redis,
    ) -> None:
        self._settings = settings
        self._patrons = patrons
        self._loans = loans
        self._fines = fines
        self._cache = cache

    async def by_card(self, card_number: str):
        if not luhn_ok(card_number):
            raise StacksError("card number fails check digit", code="bad_card")
        patron = await self._patrons.by_card(card_number)
        if patron is None:
            raise NotFound("no patron with that card")
        return patron

    async def ensure_can_borrow(self, patron) -> None:
        if patron.blocked or patron.card_expires_at < now_utc():
            raise PatronBlocked("card is blocked or expired")
        balance = await self._fines.balance(patron.id)
        if balance >= self._settings.block_threshold_cents:
            raise PatronBlocked(f"fines of {balance} cents exceed the limit")

    async def set_pin(self, patron_id: int, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 6):
            raise StacksError("PIN must be 4 to 6 digits", code="bad_pin")
        hashed = bcrypt.hashpw(pin.encode(), bcrypt.gensalt(rounds=12)).decode()
        await self._patrons.set_pin_hash(patron_id, hashed)

    async def verify_pin(self, patron, pin: str) -> bool:
        if not patron.pin_hash:
            return False
        return await asyncio.to_thread(bcrypt.checkpw, pin.encode(), patron.pin_hash.encode())

    def notice_channel(self, patron) -> str:
        try:
            return NOTICE_CHANNELS[patron.notice_pref]
        except KeyError:
            raise StacksError(f"unknown notice preference {patron.notice_pref!r}", code="bad_pref")

    async def account_summary(self, patron) -> dict:
        key = f"summary:{patron.id}"
        cached = await self._cache.get(key)
        if cached:
            return json.loads(cached)
        loans = await self._loans.list_by_patron(patron.id)
        summary = {
            "patron_id": patron.id,
            "name": patron.name,
            "active_loans": len(loans),
            "fines_cents": await self._fines.balance(patron.id),
        }
        await self._cache.set(key, json.dumps(summary))
        return summary

    async def profile(self, patron_id: int) -> dict:
        try:
            patron = await self._patrons.get(patron_id)
            return {"id": patron.id, "name": patron.name, "home_branch_id": patron.home_branch_id}
        except AttributeError as exc:
            raise NotFound(f"patron {patron_id} not found") from exc
