from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence

import bcrypt
from cachetools import TTLCache
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.kyc import KycClient
from svc.db.models import ApiKey, OrderItem, Seller
from svc.errors import ConflictError, DomainError
from svc.repositories.catalog import SellerRepository
from svc.schemas import KycSubmit, SellerCreate

log = logging.getLogger(__name__)


class SellerBadges:
    """Badges shown on listing cards. Long-lived; values are immutable tuples."""

    def __init__(self, ttl: int = 300) -> None:
        self._cache: TTLCache[int, tuple[str, ...]] = TTLCache(maxsize=10_000, ttl=ttl)

    async def badges(self, session: AsyncSession, seller_id: int) -> tuple[str, ...]:
        cached = self._cache.get(seller_id)
        if cached is not None:
            return cached
        seller = await session.get(Seller, seller_id)
        if seller is None:
            return ()
        sold = await session.scalar(
            select(func.coalesce(func.sum(OrderItem.quantity), 0)).where(OrderItem.seller_id == seller_id)
        )
        found: set[str] = set()
        if seller.kyc_status == "verified":
            found.add("verified")
        if seller.rating >= 4.8:
            found.add("top-rated")
        if (sold or 0) >= 1000:
            found.add("power-seller")
        badges = tuple(sorted(found))
        self._cache[seller_id] = badges
        return badges


class SellerService:
    def __init__(self, session: AsyncSession, kyc: KycClient) -> None:
        self._session = session
        self._repo = SellerRepository(session)
        self._kyc = kyc

    async def register(self, data: SellerCreate) -> Seller:
        if await self._repo.by_email(data.email) is not None:
            raise ConflictError("a seller with this email already exists")
        seller = Seller(
            slug=data.slug, display_name=data.display_name, email=data.email.lower(), country=data.country.upper()
        )
        await self._repo.add(seller)
        await self._session.commit()
        log.info("registered seller %s", seller.id)
        return seller

    async def create_api_key(self, seller_id: int) -> tuple[str, ApiKey]:
        seller = await self._repo.get(seller_id)
        if seller.status == "suspended":
            raise DomainError("suspended sellers cannot create API keys", code="seller_suspended")
        prefix = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        hashed = bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds=12))
        key = ApiKey(seller_id=seller.id, prefix=prefix, secret_hash=hashed.decode())
        self._session.add(key)
        await self._session.commit()
        return f"{prefix}.{secret}", key

    async def submit_kyc(self, seller_id: int, body: KycSubmit) -> str:
        target = await self._repo.get(seller_id)
        result = await self._kyc.submit_check(
            reference=f"seller-{target.id}",
            country=target.country,
            documents=[doc.model_dump() for doc in body.documents],
        )
        target.kyc_status = "pending" if result.status == "processing" else result.status
        target.kyc_check_id = result.check_id
        await self._session.commit()
        return target.kyc_status

    async def search(self, term: str) -> Sequence[Seller]:
        return await self._repo.search_by_name(term.strip())

    async def by_prefix(self, prefix: str) -> Sequence[Seller]:
        return await self._repo.by_slug_prefix(prefix)
