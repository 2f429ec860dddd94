"""Device and dispatcher authentication."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import jwt

from svc.config import settings
from svc.db.devices_repo import DeviceRepository
from svc.errors import Unauthorized

PBKDF2_ROUNDS = 200_000


@dataclass(frozen=True, slots=True)
class Dispatcher:
    user_id: str
    fleet_ids: frozenset[int]


async def verify_device_token(serial: str, token: str, devices: DeviceRepository) -> int:
    creds = await devices.credentials(serial)
    if creds is None:
        raise Unauthorized("unknown device")
    digest = hashlib.pbkdf2_hmac("sha256", token.encode(), bytes.fromhex(creds.token_salt), PBKDF2_ROUNDS)
    if not hmac.compare_digest(digest.hex(), creds.token_hash):
        raise Unauthorized("bad device token")
    return creds.device_id


async def hash_device_token(token: str) -> tuple[str, str]:
    salt = secrets.token_bytes(16)
    digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", token.encode(), salt, PBKDF2_ROUNDS)
    return digest.hex(), salt.hex()


def decode_dispatcher(token: str) -> Dispatcher:
    try:
        claims = jwt.decode(token, settings.dispatcher_jwt_secret, algorithms=["HS256"], audience="fleet-map")
    except jwt.PyJWTError as exc:
        raise Unauthorized("invalid dispatcher token") from exc
    return Dispatcher(user_id=claims["sub"], fleet_ids=frozenset(int(f) for f in claims.get("fleets", [])))
