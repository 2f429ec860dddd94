from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pricewatch.db.models import AffiliateClick, AffiliateLink


class AffiliateRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def by_slug(self, slug: str) -> AffiliateLink | None:
        return await self.session.scalar(select(AffiliateLink).where(AffiliateLink.slug == slug))

    async def create_link(self, slug: str, product_id: int, target_url: str) -> AffiliateLink:
        link = AffiliateLink(slug=slug, product_id=product_id, target_url=target_url)
        self.session.add(link)
        await self.session.flush()
        return link

    async def record_click(self, link_id: int, user_id: int | None, ip: str) -> None:
        ip_hash = hashlib.sha256(ip.encode()).hexdigest()
        self.session.add(AffiliateClick(link_id=link_id, user_id=user_id, ip_hash=ip_hash))
        await self.session.commit()
