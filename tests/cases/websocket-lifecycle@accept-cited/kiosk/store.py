"""Shared state for the kiosk sockets."""
import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

SessionLocal: async_sessionmaker[AsyncSession] = async_sessionmaker()
WATCHERS: dict[int, set[asyncio.Queue]] = {}


class Note:
    def __init__(self, kiosk_id: int, text: str) -> None:
        self.kiosk_id, self.text = kiosk_id, text


async def file_note(kiosk_id: int, text: str) -> None:
    async with SessionLocal() as session:
        session.add(Note(kiosk_id, text))
        await session.commit()
