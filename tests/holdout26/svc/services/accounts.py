"""Buyer and seller accounts, login sessions and wallet operations."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.escrow import EscrowClient
from svc.errors import AuctionError, InsufficientFunds, Unauthorized
from svc.repositories.accounts import AccountRepository
from svc.utils.security import hash_password, new_token, verify_password

log = logging.getLogger(__name__)


class EmailTaken(AuctionError):
    status_code = 409
    code = "email_taken"


class SessionStore:
    """Maps opaque bearer tokens to account ids."""

    def __init__(self) -> None:
        self._tokens: dict[str, int] = {}

    def issue(self, account_id: int) -> str:
        token = new_token()
        self._tokens[token] = account_id
        return token

    def resolve(self, token: str) -> int | None:
        return self._tokens.get(token)

    def revoke(self, token: str) -> None:
        self._tokens.pop(token, None)


sessions = SessionStore()


class AccountService:
    def __init__(self, session: AsyncSession, escrow: EscrowClient) -> None:
        self._session = session
        self._repo = AccountRepository(session)
        self._escrow = escrow

    async def register(self, email: str, display_name: str, password: str, role: str) -> int:
        if await self._repo.by_email(email) is not None:
            raise EmailTaken(email)
        password_hash = hash_password(password)
        try:
            account = await self._repo.add(email, display_name, password_hash, role)
            await self._session.commit()
        except IntegrityError as exc:
            await self._session.rollback()
            raise EmailTaken(email) from exc
        return account.id

    async def login(self, email: str, password: str) -> str:
        account = await self._repo.by_email(email)
        if account is None:
            raise Unauthorized("bad credentials")
        ok = await asyncio.to_thread(verify_password, password, account.password_hash)
        if not ok:
            raise Unauthorized("bad credentials")
        return sessions.issue(account.id)

    async def deposit(self, account_id: int, amount_cents: int) -> None:
        await self._repo.credit(account_id, amount_cents)
        await self._session.commit()

    async def withdraw(self, account_id: int, amount_cents: int) -> None:
        account = await self._repo.get(account_id)
        if account.balance_cents < amount_cents:
            raise InsufficientFunds(f"balance {account.balance_cents}")
        if account.payout_account_ref:
            available = await self._escrow.balance(account.payout_account_ref)
            log.info("escrow balance for %s: %s", account_id, available)
        await self._repo.set_balance(account_id, account.balance_cents - amount_cents)
        await self._session.commit()
