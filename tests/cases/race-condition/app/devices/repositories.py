"""Repositories: each method runs one statement; callers decide."""
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.devices.models import Comment, Device, DeviceEvent


class DeviceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find_by_serial(self, serial: str) -> Device | None:
        stmt = select(Device).where(Device.serial == serial)
        return (await self._session.execute(stmt)).scalars().first()

    async def exists(self, serial: str) -> bool:
        found = await self._session.scalar(select(Device.id).where(Device.serial == serial))
        return found is not None

    async def find_for_update(self, serial: str) -> Device | None:
        stmt = select(Device).where(Device.serial == serial).with_for_update()
        return (await self._session.execute(stmt)).scalars().first()

    def stage(self, device: Device) -> None:
        self._session.add(device)

    async def create(self, **fields) -> Device:
        device = Device(**fields)
        self._session.add(device)
        await self._session.flush()
        return device

    async def insert_ignore(self, serial: str) -> None:
        stmt = insert(Device).values(serial=serial).on_conflict_do_nothing(index_elements=["serial"])
        await self._session.execute(stmt)

    async def create_or_get(self, serial: str) -> Device | None:
        try:
            async with self._session.begin_nested():
                self._session.add(Device(serial=serial))
        except IntegrityError:
            return await self.find_by_serial(serial)
        return None

    async def mark(self, device_id: int, status: str) -> None:
        await self._session.execute(update(Device).where(Device.id == device_id).values(status=status))


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def stage(self, event: DeviceEvent) -> None:
        self._session.add(event)


class CommentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, comment_id: int) -> Comment | None:
        return await self._session.get(Comment, comment_id)

    def stage(self, comment: Comment) -> None:
        self._session.add(comment)


class TagStore:
    """Raw SQL behind methods."""

    def __init__(self, pool) -> None:
        self.pool = pool

    async def find(self, name: str):
        return await self.pool.fetchrow("SELECT id FROM labels WHERE name = $1", name)

    async def insert(self, name: str) -> int:
        return await self.pool.fetchval("INSERT INTO labels (name) VALUES ($1) RETURNING id", name)

    async def insert_or_skip(self, name: str) -> int | None:
        return await self.pool.fetchval(
            "INSERT INTO labels (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id", name
        )
