from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import ApiKey
from svc.db.repositories import ApiKeyRepository
from svc.db.session import get_session

PBKDF2_ROUNDS = 600_000
KEY_PREFIX_LEN = 11


def generate_api_key() -> tuple[str, str]:
    raw = "sk_" + secrets.token_urlsafe(32)
    return raw, raw[:KEY_PREFIX_LEN]


def hash_api_key(raw_key: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", raw_key.encode(), salt, PBKDF2_ROUNDS)


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    computed = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(computed, signature.removeprefix("sha256="))


async def require_carrier_key(
    x_api_key: str = Header(..., alias="X-Api-Key"),
    session: AsyncSession = Depends(get_session),
) -> ApiKey:
    candidates = await ApiKeyRepository(session).find_by_prefix(x_api_key[:KEY_PREFIX_LEN])
    for key in candidates:
        if key.revoked_at is not None:
            continue
        digest = await asyncio.to_thread(hash_api_key, x_api_key, key.salt)
        if hmac.compare_digest(digest, key.key_hash):
            return key
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="invalid API key")
