from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Credential

_NEXT_REVISION = text("SELECT nextval('credential_revision_seq')")


class CredentialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, credential_id: int) -> Credential | None:
        return await self._session.get(Credential, credential_id)

    async def get_by_number(self, badge_number: str) -> Credential | None:
        result = await self._session.execute(select(Credential).where(Credential.badge_number == badge_number))
        return result.scalar_one_or_none()

    async def lock(self, credential_id: int) -> Credential | None:
        stmt = select(Credential).where(Credential.id == credential_id).with_for_update()
        result = await self._session.execute(stmt)
        return result.scalar_one_or_none()

    async def next_revision(self) -> int:
        return int((await self._session.execute(_NEXT_REVISION)).scalar_one())

    async def create(self, **fields: object) -> Credential:
        cred = Credential(**fields, revision=await self.next_revision())
        self._session.add(cred)
        await self._session.flush()
        return cred

    async def set_status(self, credential_id: int, status: str) -> int:
        revision = await self.next_revision()
        await self._session.execute(
            update(Credential).where(Credential.id == credential_id).values(status=status, revision=revision)
        )
        return revision

    async def changed_since(self, revision: int, site_id: int, limit: int = 2000) -> list[Credential]:
        stmt = (
            select(Credential)
            .where(Credential.site_id == site_id, Credential.revision > revision)
            .order_by(Credential.revision)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def active_numbers(self, site_id: int) -> list[str]:
        stmt = select(Credential.badge_number).where(Credential.site_id == site_id, Credential.status == "active")
        return list((await self._session.execute(stmt)).scalars())

    async def active_for_review(self, site_id: int) -> list[Credential]:
        stmt = select(Credential).where(Credential.site_id == site_id, Credential.status == "active")
        return list((await self._session.execute(stmt)).scalars())

    async def expiring_visitor_badges(self, before: datetime, limit: int = 500) -> list[Credential]:
        stmt = (
            select(Credential)
            .where(
                Credential.holder_kind == "visitor",
                Credential.status == "active",
                Credential.expires_at < before,
            )
            .order_by(Credential.expires_at)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())
