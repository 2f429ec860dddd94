"""Device registration flows: the check goes through a repository, the insert through another method."""
import asyncio

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.devices.models import Comment, Device, DeviceEvent
from app.devices.repositories import CommentRepository, DeviceRepository, EventRepository, TagStore

_register_lock = asyncio.Lock()


async def register(session: AsyncSession, serial: str) -> Device:
    devices = DeviceRepository(session)
    existing = await devices.find_by_serial(serial)  # expect: race-condition
    if existing is not None:
        return existing
    device = Device(serial=serial)
    devices.stage(device)
    await session.commit()
    return device


async def register_quick(session: AsyncSession, serial: str) -> None:
    devices = DeviceRepository(session)
    if not await devices.exists(serial):  # expect: race-condition
        await devices.create(serial=serial)
        await session.commit()


async def label(store: TagStore, name: str) -> int:
    row = await store.find(name)  # expect: race-condition
    if row:
        return row["id"]
    return await store.insert(name)


async def label_atomic(store: TagStore, name: str) -> int | None:
    row = await store.find(name)
    if row:
        return row["id"]
    return await store.insert_or_skip(name)


async def register_handled(session: AsyncSession, serial: str) -> Device | None:
    devices = DeviceRepository(session)
    existing = await devices.find_by_serial(serial)
    if existing is not None:
        return existing
    devices.stage(Device(serial=serial))
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return await devices.find_by_serial(serial)
    return None


async def register_locked_row(session: AsyncSession, serial: str) -> None:
    async with session.begin():
        devices = DeviceRepository(session)
        existing = await devices.find_for_update(serial)
        if existing is None:
            devices.stage(Device(serial=serial))


async def register_upsert(session: AsyncSession, serial: str) -> None:
    devices = DeviceRepository(session)
    existing = await devices.find_by_serial(serial)
    if existing is None:
        await devices.insert_ignore(serial)
        await session.commit()


async def register_nested(session: AsyncSession, serial: str) -> None:
    devices = DeviceRepository(session)
    if await devices.find_by_serial(serial) is None:
        await devices.create_or_get(serial)
        await session.commit()


async def register_serialised(session: AsyncSession, serial: str) -> None:
    devices = DeviceRepository(session)
    async with _register_lock:
        existing = await devices.find_by_serial(serial)
        if existing is None:
            devices.stage(Device(serial=serial))
            await session.commit()


async def record_event(session: AsyncSession, serial: str, kind: str) -> None:
    device = await DeviceRepository(session).find_by_serial(serial)
    if device is None:
        raise LookupError(serial)
    EventRepository(session).stage(DeviceEvent(device_id=device.id, kind=kind))
    await DeviceRepository(session).mark(device.id, kind)
    await session.commit()


async def reply(session: AsyncSession, parent_id: int, body: str) -> Comment:
    comments = CommentRepository(session)
    parent = await comments.get(parent_id)
    if parent is None:
        raise LookupError(parent_id)
    comment = Comment(parent_id=parent.id, body=body)
    comments.stage(comment)
    await session.commit()
    return comment


async def clone(session: AsyncSession, serial: str) -> None:
    devices = DeviceRepository(session)
    original = await devices.find_by_serial(serial)
    devices.stage(Device(serial=f"{serial}-copy", status=str(original)))
    await session.commit()
