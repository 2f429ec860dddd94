"""Authentication dependencies for advertisers (API keys) and exchanges (shared secrets)."""
from __future__ import annotations

import asyncio
import hashlib
import hmac

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.config import get_settings
from adbid.db.engine import get_session
from adbid.db.models import Advertiser
from adbid.repositories.advertisers import AdvertiserRepository

API_KEY_ITERATIONS = 120_000


def hash_api_key(key: str, salt: bytes) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", key.encode(), salt, API_KEY_ITERATIONS)
    return salt.hex() + ":" + digest.hex()


def _check_api_key(key: str, stored: str) -> bool:
    salt_hex, digest_hex = stored.split(":", 1)
    candidate = hashlib.pbkdf2_hmac("sha256", key.encode(), bytes.fromhex(salt_hex), API_KEY_ITERATIONS)
    return hmac.compare_digest(candidate.hex(), digest_hex)


async def current_advertiser(
    x_api_key: str = Header(...),
    session: AsyncSession = Depends(get_session),
) -> Advertiser:
    prefix = x_api_key.split(".", 1)[0]
    advertiser = await AdvertiserRepository(session).get_by_key_prefix(prefix)
    if advertiser is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown api key")
    ok = await asyncio.to_thread(_check_api_key, x_api_key, advertiser.api_key_hash)
    if not ok:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid api key")
    return advertiser


def verify_exchange(exchange: str, token: str | None) -> bool:
    secret = get_settings().exchange_secrets.get(exchange)
    if secret is None or token is None:
        return False
    return hmac.compare_digest(secret, token)
