from __future__ import annotations

import time

from zonekeep.core.errors import RateLimited, ZonekeepError
from zonekeep.core.logging import get_logger
from zonekeep.core.security import hash_api_token, issue_session_jwt, verify_password
from zonekeep.models import Account, ApiToken
from zonekeep.repositories.accounts import AccountRepository
from zonekeep.repositories.tokens import TokenRepository

log = get_logger("services.auth")

MAX_FAILURES = 5
LOCKOUT_SECONDS = 900

# email -> (failures, first_failure_ts)
_failed_logins: dict[str, tuple[int, float]] = {}


class InvalidCredentials(ZonekeepError):
    status_code = 401
    code = "invalid_credentials"


class AuthService:
    def __init__(self, accounts: AccountRepository, tokens: TokenRepository) -> None:
        self._accounts = accounts
        self._tokens = tokens

    def _check_lockout(self, email: str) -> None:
        failures, since = _failed_logins.get(email, (0, 0.0))
        if failures >= MAX_FAILURES and time.time() - since < LOCKOUT_SECONDS:
            raise RateLimited("too many failed logins")

    def _record_failure(self, email: str) -> None:
        failures, since = _failed_logins.get(email, (0, time.time()))
        _failed_logins[email] = (failures + 1, since)

    async def login(self, email: str, password: str) -> str:
        key = email.lower()
        self._check_lockout(key)
        account = await self._accounts.get_by_email(email)
        if account is None or not account.is_active:
            self._record_failure(key)
            raise InvalidCredentials("invalid email or password")
        if not verify_password(password, account.password_hash):
            self._record_failure(key)
            raise InvalidCredentials("invalid email or password")
        _failed_logins.pop(key, None)
        log.info("login account=%s", account.id)
        return issue_session_jwt(account.id)

    async def resolve_token(self, raw: str) -> tuple[Account, ApiToken] | None:
        token = await self._tokens.get_active_by_hash(hash_api_token(raw))
        if token is None:
            return None
        account = await self._accounts.get(token.account_id)
        if account is None or not account.is_active:
            return None
        await self._tokens.touch(token.id)
        return account, token
