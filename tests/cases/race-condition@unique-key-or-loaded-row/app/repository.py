from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Permission

M = TypeVar("M")


class BaseRepository(Generic[M]):
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, object: M) -> M:
        self.session.add(object)
        await self.session.commit()
        return object

    async def update(self, object: M) -> None:
        self.session.add(object)
        await self.session.commit()


class PermissionRepository(BaseRepository[Permission]):
    async def get_by_id(self, id: int) -> Permission | None:
        return (await self.session.execute(select(Permission).where(Permission.id == id))).scalar_one_or_none()

    async def get_by_codename(self, codename: str) -> Permission | None:
        statement = select(Permission).where(Permission.codename == codename)
        return (await self.session.execute(statement)).scalar_one_or_none()
