from __future__ import annotations

import asyncio

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.core.errors import Conflict, NotFound
from zonekeep.core.logging import get_logger
from zonekeep.core.security import hash_password, new_api_token
from zonekeep.models import Account, ApiToken
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository

log = get_logger("services.accounts")

ALLOWED_SCOPES = {"dns:read", "dns:write", "domains:read", "domains:write", "certs:write"}


class AccountService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._accounts = AccountRepository(session)
        self._tokens = TokenRepository(session)

    async def register(self, email: str, password: str, display_name: str) -> Account:
        pw_hash = await asyncio.to_thread(hash_password, password)
        try:
            account = await self._accounts.create(email, pw_hash, display_name)
            await self._session.commit()
        except IntegrityError:
            await self._session.rollback()
            raise Conflict("email already registered") from None
        log.info("account registered id=%s", account.id)
        return account

    async def create_token(self, account_id: int, name: str, scopes: list[str]) -> tuple[str, ApiToken]:
        bad = set(scopes) - ALLOWED_SCOPES
        if bad:
            raise Conflict(f"unknown scopes: {', '.join(sorted(bad))}")
        raw, token_hash = new_api_token()
        token = await self._tokens.create(account_id, name, token_hash, " ".join(sorted(set(scopes))))
        await self._session.commit()
        return raw, token

    async def list_tokens(self, account_id: int) -> list[ApiToken]:
        return await self._tokens.list_for_account(account_id)

    async def revoke_token(self, account_id: int, token_id: int) -> None:
        if not await self._tokens.revoke(account_id, token_id):
            raise NotFound("token not found")
        await self._session.commit()
