from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Organization, User


class OrgRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, org_id: uuid.UUID) -> Organization | None:
        return await self._session.get(Organization, org_id)

    async def get_by_slug(self, slug: str) -> Organization | None:
        result = await self._session.execute(select(Organization).where(Organization.slug == slug))
        return result.scalar_one_or_none()

    async def get_by_sso_domain(self, domain: str) -> Organization | None:
        result = await self._session.execute(
            select(Organization).where(Organization.sso_domain == domain).limit(1)
        )
        return result.scalar_one_or_none()

    async def create_if_absent(self, slug: str, name: str) -> uuid.UUID | None:
        stmt = (
            insert(Organization)
            .values(id=uuid.uuid4(), slug=slug, name=name)
            .on_conflict_do_nothing(index_elements=[Organization.slug])
            .returning(Organization.id)
        )
        result = await self._session.execute(stmt)
        await self._session.commit()
        return result.scalar_one_or_none()


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self._session.get(User, user_id)

    async def get_many(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, User]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        result = await self._session.execute(select(User).where(User.id.in_(ids)))
        return {user.id: user for user in result.scalars()}

    async def upsert_from_idp(self, org_id: uuid.UUID, subject: str, email: str, name: str) -> User:
        stmt = (
            insert(User)
            .values(id=uuid.uuid4(), org_id=org_id, idp_subject=subject, email=email, display_name=name)
            .on_conflict_do_update(
                index_elements=[User.idp_subject],
                set_={"email": email, "display_name": name},
            )
            .returning(User)
        )
        result = await self._session.execute(stmt)
        await self._session.commit()
        return result.scalar_one()
