"""Customer API-key and operator authentication."""
from __future__ import annotations

import asyncio
import base64
import logging
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings, get_settings
from svc.db.engine import get_session
from svc.db.models import Customer
from svc.utils.crypto import constant_time_equals, hash_api_secret

log = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 10
_failed_attempts: dict[str, int] = {}


@dataclass(frozen=True)
class Principal:
    customer_id: int
    external_ref: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class Operator:
    username: str
    roles: frozenset[str]


def _split_key(api_key: str) -> tuple[str, str]:
    try:
        ref, secret = api_key.split(".", 1)
    except ValueError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "malformed api key") from exc
    return ref, secret


async def _load_customer(session: AsyncSession, ref: str) -> Customer | None:
    result = await session.execute(select(Customer).where(Customer.external_ref == ref))
    return result.scalar_one_or_none()


async def require_customer(
    x_api_key: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> Principal:
    ref, secret = _split_key(x_api_key)
    if _failed_attempts.get(ref, 0) >= MAX_FAILED_ATTEMPTS:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many failed attempts")
    customer = await _load_customer(session, ref)
    if customer is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown key")
    salt = base64.b64decode(customer.api_key_salt)
    computed = await asyncio.to_thread(hash_api_secret, secret, salt, settings.api_key_iterations)
    if not constant_time_equals(computed, customer.api_key_hash):
        _failed_attempts[ref] = _failed_attempts.get(ref, 0) + 1
        log.warning("api key mismatch for customer ref=%s", ref)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad key")
    _failed_attempts.pop(ref, None)
    return Principal(customer.id, customer.external_ref, frozenset({"read", "withdraw"}))


async def verify_stream_token(session: AsyncSession, token: str, settings: Settings) -> Principal | None:
    """Websocket clients send the same api key as the first message."""
    ref, secret = _split_key(token)
    customer = await _load_customer(session, ref)
    if customer is None:
        return None
    salt = base64.b64decode(customer.api_key_salt)
    computed = hash_api_secret(secret, salt, settings.api_key_iterations)
    if not constant_time_equals(computed, customer.api_key_hash):
        return None
    return Principal(customer.id, customer.external_ref, frozenset({"read"}))


async def require_operator(
    x_operator: str = Header(...),
    x_operator_roles: str = Header(""),
) -> Operator:
    # The gateway terminates mTLS for operators and injects these headers.
    roles = frozenset(r.strip() for r in x_operator_roles.split(",") if r.strip())
    if not roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "operator has no roles")
    return Operator(x_operator, roles)
