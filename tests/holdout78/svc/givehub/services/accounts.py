from __future__ import annotations

import asyncio

from ..db.models import Donor
from ..errors import ConflictError, GiveHubError
from ..repositories.donors import DonorRepository
from ..utils.crypto import check_password, hash_password


class InvalidCredentials(GiveHubError):
    status_code = 401
    code = "invalid_credentials"


class AccountService:
    def __init__(self, donors: DonorRepository) -> None:
        self._donors = donors

    async def register(self, email: str, password: str, full_name: str, display_name: str) -> Donor:
        email = email.strip().lower()
        if await self._donors.by_email(email) is not None:
            raise ConflictError("an account with this email already exists")
        donor = Donor(
            email=email,
            full_name=full_name,
            display_name=display_name or full_name.split(" ")[0],
            password_hash=hash_password(password),
        )
        return await self._donors.create(donor)

    async def login(self, email: str, password: str) -> Donor:
        donor = await self._donors.by_email(email)
        if donor is None or donor.password_hash is None:
            raise InvalidCredentials()
        if not await asyncio.to_thread(check_password, password, donor.password_hash):
            raise InvalidCredentials()
        return donor
