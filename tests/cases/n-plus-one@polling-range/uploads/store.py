"""Upload rows, by id or by folder."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .models import Upload

SessionLocal: async_sessionmaker[AsyncSession] = async_sessionmaker()


class UploadTable:
    async def by_id(self, upload_id: str) -> Optional[Upload]:
        async with SessionLocal() as session:
            return await session.get(Upload, upload_id)

    async def unfinished_in(self, folder_id: str) -> list[Upload]:
        async with SessionLocal() as session:
            rows = await session.execute(select(Upload).where(Upload.folder_id == folder_id))
            return [u for u in rows.scalars() if (u.meta or {}).get("state") != "done"]


Uploads = UploadTable()
