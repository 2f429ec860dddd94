"""Driver credentials: app PINs and charge point passwords share the same PBKDF2 scheme."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import os

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.repositories.drivers import DriverRepository

PIN_ITERATIONS = 310_000


def token_fingerprint(uid: str) -> str:
    """Short, non-reversible id for an RFID uid, used in logs instead of the uid itself."""
    return hashlib.sha256(uid.encode()).hexdigest()[:12]


def _derive(secret: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, PIN_ITERATIONS)


def check_secret(secret: str, stored: str) -> bool:
    salt_hex, _, digest_hex = stored.partition("$")
    if not digest_hex:
        return False
    return hmac.compare_digest(_derive(secret, bytes.fromhex(salt_hex)).hex(), digest_hex)


async def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = await asyncio.to_thread(hashlib.pbkdf2_hmac, "sha256", secret.encode(), salt, PIN_ITERATIONS)
    return f"{salt.hex()}${digest.hex()}"


class DriverService:
    def __init__(self, db: AsyncSession) -> None:
        self._drivers = DriverRepository(db)

    async def set_pin(self, driver_id: int, pin: str) -> None:
        driver = await self._drivers.require(driver_id)
        driver.pin_hash = await hash_secret(pin)

    async def verify_pin(self, driver_id: int, pin: str) -> bool:
        """Used by the app to unlock a charge point's cable lock without the card."""
        driver = await self._drivers.require(driver_id)
        if not driver.pin_hash:
            return False
        return check_secret(pin, driver.pin_hash)
