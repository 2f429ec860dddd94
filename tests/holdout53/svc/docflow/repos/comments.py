from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.db.models import Comment, Notification

class CommentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(
        self, document_id: uuid.UUID, author_id: uuid.UUID, body: str, parent_id: int | None, anchor: dict | None
    ) -> Comment:
        comment = Comment(
            document_id=document_id, author_id=author_id, body=body, parent_id=parent_id, anchor=anchor
        )
        self.session.add(comment)
        await self.session.flush()
        return comment

    async def for_document(self, document_id: uuid.UUID, include_resolved: bool = False) -> list[Comment]:
        stmt = select(Comment).where(Comment.document_id == document_id)
        if not include_resolved:
            stmt = stmt.where(Comment.resolved.is_(False))
        return list((await self.session.scalars(stmt.order_by(Comment.created_at))).all())

    async def get(self, comment_id: int) -> Comment | None:
        return await self.session.get(Comment, comment_id)

    async def resolve(self, comment_id: int) -> None:
        await self.session.execute(update(Comment).where(Comment.id == comment_id).values(resolved=True))

    async def thread_participants(self, root_id: int) -> set[uuid.UUID]:
        stmt = select(Comment.author_id).where((Comment.id == root_id) | (Comment.parent_id == root_id))
        return set((await self.session.scalars(stmt)).all())


class NotificationRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, user_id: uuid.UUID, workspace_id: uuid.UUID, kind: str, payload: dict) -> None:
        self.session.add(Notification(user_id=user_id, workspace_id=workspace_id, kind=kind, payload=payload))

    async def add_many(self, rows: list[dict]) -> None:
        if rows:
            await self.session.execute(insert(Notification), rows)

    async def unread(self, user_id: uuid.UUID, limit: int = 50) -> list[Notification]:
        stmt = (
            select(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def mark_read(self, user_id: uuid.UUID, ids: list[int]) -> None:
        await self.session.execute(
            update(Notification)
            .where(Notification.user_id == user_id, Notification.id.in_(ids))
            .values(read_at=datetime.now(timezone.utc))
        )
