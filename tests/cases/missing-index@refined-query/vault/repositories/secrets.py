"""Secret and release queries, narrowed step by step from optional arguments."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vault.models import Release, Rotation, Secret


class SecretRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_secrets(self, org_id: str, kind: str | None, label: str | None) -> list[Secret]:
        query = (
            select(Secret)
            .filter_by(org_id=org_id)  # expect: missing-index
            .filter(Secret.deleted_at.is_(None))
        )
        if kind is not None:
            query = query.filter(Secret.kind == kind)
        if label is not None:
            query = query.filter(Secret.label == label)
        return list((await self.session.scalars(query.order_by(Secret.created_at))).all())

    async def search_all(self, label: str | None) -> list[Secret]:
        query = select(Secret).where(Secret.deleted_at.is_(None))
        if label:
            query = query.where(Secret.label == label)  # expect: missing-index
        return list((await self.session.scalars(query)).all())

    async def latest_releases(self, app_ids: list[str], channels: list[str] | None) -> list[Release]:
        newest = (
            select(Release.app_id, func.max(Release.version).label("top"))
            .where(Release.app_id.in_(app_ids))
            .group_by(Release.app_id)
            .subquery()
        )
        query = select(Release).join(
            newest, (Release.app_id == newest.c.app_id) & (Release.version == newest.c.top)
        )
        if channels:
            query = query.where(Release.channel.in_(channels))
        return list((await self.session.scalars(query)).all())

    async def rotated_between(self, secret_id: str, since: datetime | None) -> list[str]:
        query = (
            select(distinct(Rotation.rotated_by))
            .filter_by(secret_id=secret_id)
            .filter(Rotation.finished_at.isnot(None))
        )
        if since is not None:
            query = query.filter(Rotation.created_at >= since)
        return list((await self.session.scalars(query)).all())

    async def unfinished_rotations(self) -> list[Rotation]:
        return list((await self.session.scalars(select(Rotation).filter_by(finished_at=None))).all())
