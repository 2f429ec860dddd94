"""Advertiser sign-up and API key issuance."""
from __future__ import annotations

import asyncio
import logging
import os

import bcrypt
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.auth import hash_api_key
from adbid.clients.fx_client import SUPPORTED_CURRENCIES
from adbid.db.models import Advertiser
from adbid.repositories.advertisers import AdvertiserRepository
from adbid.schemas import AdvertiserSignup
from adbid.utils.primitives import new_api_key

log = logging.getLogger(__name__)


class EmailTaken(ValueError):
    pass


class UnsupportedCurrency(ValueError):
    pass


class AdvertiserService:
    def __init__(self, session: AsyncSession) -> None:
        self._repo = AdvertiserRepository(session)

    async def signup(self, body: AdvertiserSignup) -> tuple[Advertiser, str]:
        if body.currency not in SUPPORTED_CURRENCIES:
            raise UnsupportedCurrency(body.currency)
        existing = await self._repo.get_by_email(body.email)
        if existing is not None:
            raise EmailTaken(body.email)
        password_hash = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt(rounds=12)).decode()
        prefix, api_key = new_api_key()
        api_key_hash = await asyncio.to_thread(hash_api_key, api_key, os.urandom(16))
        advertiser = await self._repo.create(
            name=body.name,
            email=body.email.lower(),
            password_hash=password_hash,
            api_key_prefix=prefix,
            api_key_hash=api_key_hash,
            currency=body.currency,
        )
        log.info("advertiser %s signed up", advertiser.id)
        return advertiser, api_key

    async def rotate_key(self, advertiser: Advertiser) -> str:
        prefix, api_key = new_api_key()
        key_hash = await asyncio.to_thread(hash_api_key, api_key, os.urandom(16))
        advertiser.api_key_prefix = prefix
        advertiser.api_key_hash = key_hash
        await self._repo.save(advertiser)
        log.info("advertiser %s rotated api key", advertiser.id)
        return api_key
