from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.config import get_settings
from mailroom.db.models import Tenant
from mailroom.repositories import tenants as tenants_repo

log = logging.getLogger(__name__)

# All keys share one salt so that the hash can be looked up directly; the
# per-tenant salt column is kept for the legacy v1 keys.
_LOOKUP_SALT = b"mailroom-api-key-v2"


def derive_key_hash(api_key: str, iterations: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", api_key.encode(), _LOOKUP_SALT, iterations).hex()


def new_api_key() -> str:
    return "mr_" + secrets.token_urlsafe(32)


async def hash_for_storage(api_key: str) -> str:
    iterations = get_settings().api_key_iterations
    return await asyncio.to_thread(derive_key_hash, api_key, iterations)


async def authenticate(session: AsyncSession, api_key: str) -> Tenant | None:
    if not api_key.startswith("mr_"):
        return None
    digest = derive_key_hash(api_key, get_settings().api_key_iterations)
    tenant = await tenants_repo.by_key_hash(session, digest)
    if tenant is None:
        log.info("api key rejected (prefix=%s)", api_key[:6])
    return tenant
