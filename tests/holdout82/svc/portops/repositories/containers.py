from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update

from portops.db.models import Container
from portops.repositories.base import SqlRepository


class ContainerRepository(SqlRepository):
    async def get_by_container_no(self, number: str) -> Container | None:
        rows = await self.session.execute(select(Container).where(Container.number == number))
        return rows.scalar_one_or_none()

    async def by_numbers(self, numbers: Iterable[str]) -> dict[str, Container]:
        wanted = list(numbers)
        if not wanted:
            return {}
        rows = await self.session.execute(select(Container).where(Container.number.in_(wanted)))
        return {c.number: c for c in rows.scalars()}

    async def list_for_call(self, call_id: int, status: str | None = None) -> list[Container]:
        stmt = select(Container).where(Container.vessel_call_id == call_id)
        if status is not None:
            stmt = stmt.where(Container.status == status)
        return list((await self.session.execute(stmt)).scalars())

    async def all_containers(self) -> list[Container]:
        result = await self.session.execute(select(Container))
        return list(result.scalars())

    async def set_status(self, container_id: int, status: str) -> None:
        await self.session.execute(update(Container).where(Container.id == container_id).values(status=status))

    async def add(self, container: Container) -> Container:
        self.session.add(container)
        await self.session.flush()
        return container
