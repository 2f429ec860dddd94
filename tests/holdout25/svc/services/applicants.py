"""Applicant accounts: registration and PIN verification for counter kiosks."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import os

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Applicant

_PBKDF2_ROUNDS = 600_000


def _hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PBKDF2_ROUNDS)


class ApplicantService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def register(self, email: str, full_name: str, pin: str) -> Applicant:
        salt = os.urandom(16)
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PBKDF2_ROUNDS)
        applicant = Applicant(email=email.lower(), full_name=full_name, pin_hash=digest, pin_salt=salt)
        self._session.add(applicant)
        await self._session.commit()
        return applicant

    async def verify_pin(self, email: str, pin: str) -> Applicant | None:
        applicant = await self._session.scalar(select(Applicant).where(Applicant.email == email.lower()))
        if applicant is None:
            return None
        candidate = await asyncio.to_thread(_hash_pin, pin, applicant.pin_salt)
        return applicant if hmac.compare_digest(candidate, applicant.pin_hash) else None
