from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.kyc import KycClient
from ..clients.storage import ObjectStorage
from ..errors import Conflict, Forbidden, NotFound
from ..models import User
from ..repositories.users_repo import UsersRepository
from ..security import hash_password, issue_token, new_salt, passwords_match
from ..settings import Settings, get_settings


logger = logging.getLogger(__name__)


class AccountService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.users = UsersRepository(session)

    async def register(self, email: str, password: str, display_name: str, role: str) -> User:
        if role not in ("client", "freelancer"):
            raise Forbidden("role not allowed at signup")
        if await self.users.by_email(email):
            raise Conflict("email already registered")
        salt = new_salt()
        digest = await asyncio.to_thread(hash_password, password, salt)
        user = User(email=email.lower(), display_name=display_name, role=role, password_hash=digest, password_salt=salt)
        self.session.add(user)
        await self.session.commit()
        logger.info("registered user %s as %s", user.id, role)
        return user

    async def login(self, email: str, password: str) -> str:
        user = await self.users.by_email(email)
        if user is None or not user.is_active:
            raise Forbidden("invalid credentials")
        if not passwords_match(password, user.password_salt, user.password_hash):
            logger.info("failed login for user %s", user.id)
            raise Forbidden("invalid credentials")
        return issue_token(user.id, user.role, self.settings.jwt_secret, self.settings.jwt_ttl_seconds)


KYC_FINAL_STATES = ("verified", "rejected")


class IdentityService:
    def __init__(self, session: AsyncSession, kyc: KycClient, storage: ObjectStorage, redis: aioredis.Redis) -> None:
        self.session = session
        self.kyc = kyc
        self.storage = storage
        self.redis = redis
        self.users = UsersRepository(session)

    async def start_verification(self, user_id: int, document_type: str, document_key: str) -> str:
        settings = get_settings()
        front_url = await self.storage.presigned_get(settings.evidence_bucket, document_key, expires=3600)
        check_id = await self.kyc.submit_check(user_id, document_type, front_url)
        await self.users.set_kyc_status(user_id, "pending", reference=check_id)
        await self.session.commit()
        return check_id

    async def status(self, user_id: int) -> str:
        cached = await self.redis.get(f"kyc:status:{user_id}")
        if cached:
            return cached
        user = await self.users.get(user_id)
        if user is None:
            raise NotFound("user")
        await self.redis.set(f"kyc:status:{user_id}", user.kyc_status)
        return user.kyc_status

    async def apply_provider_result(self, check_id: str, outcome: str) -> None:
        user = await self.users.by_kyc_reference(check_id)
        if user is None:
            logger.warning("kyc result for unknown check %s", check_id)
            return
        status = "verified" if outcome == "clear" else "rejected"
        await self.users.set_kyc_status(user.id, status)
        await self.session.commit()
        if status in KYC_FINAL_STATES:
            await self.archive_report(user.id, check_id)

    async def archive_report(self, user_id: int, check_id: str) -> None:
        report = self.kyc.download_report(check_id)
        key = f"kyc-reports/{user_id}/{check_id}.pdf"
        await self.storage.put(setings.evidence_bucket, key, report, "application/pdf")
        logger.info("archived kyc report for user %s", user_id)
