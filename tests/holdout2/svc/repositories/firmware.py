"""Firmware releases (SQLAlchemy ORM)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.errors import ConflictError
from svc.models.tables import FirmwareRelease


class FirmwareRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def by_version(self, version: str) -> FirmwareRelease | None:
        async with self._sessions() as session:
            return await session.scalar(select(FirmwareRelease).where(FirmwareRelease.version == version))

    async def latest(self, hardware_rev: str, channel: str = "stable") -> FirmwareRelease | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(FirmwareRelease)
                .where(FirmwareRelease.hardware_rev == hardware_rev, FirmwareRelease.channel == channel)
                .order_by(FirmwareRelease.published_at.desc())
                .limit(1)
            )

    async def known_versions(self) -> set[str]:
        async with self._sessions() as session:
            return set(await session.scalars(select(FirmwareRelease.version)))

    async def add(self, release: FirmwareRelease) -> None:
        async with self._sessions() as session:
            session.add(release)
            try:
                await session.commit()
            except IntegrityError as exc:
                await session.rollback()
                raise ConflictError(f"release {release.version} already exists") from exc
