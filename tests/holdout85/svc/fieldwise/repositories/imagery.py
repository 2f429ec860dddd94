from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import ImageryScene


class ImageryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, field_id: int, source: str, captured_at: datetime, storage_path: str) -> ImageryScene:
        scene = ImageryScene(field_id=field_id, source=source, captured_at=captured_at, storage_path=storage_path)
        self._session.add(scene)
        await self._session.flush()
        return scene

    async def get(self, scene_id: int) -> ImageryScene | None:
        return await self._session.get(ImageryScene, scene_id)

    async def latest_for_field(self, field_id: int, limit: int = 10) -> list[ImageryScene]:
        stmt = (
            select(ImageryScene)
            .where(ImageryScene.field_id == field_id)
            .order_by(ImageryScene.captured_at.desc())
            .limit(limit)
        )
        return list((await self._session.scalars(stmt)).all())

    async def set_processed(self, scene_id: int, ndvi_mean: float) -> None:
        await self._session.execute(
            update(ImageryScene).where(ImageryScene.id == scene_id).values(status="processed", ndvi_mean=ndvi_mean)
        )
