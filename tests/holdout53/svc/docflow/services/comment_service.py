from __future__ import annotations

import asyncio
import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from docflow.db.engine import sessionmaker
from docflow.errors import Forbidden, NotFound
from docflow.realtime.hub import hub
from docflow.repos.comments import CommentRepo
from docflow.repos.documents import DocumentRepo
from docflow.repos.workspaces import WorkspaceRepo
from docflow.services.notification_service import NotificationService
from docflow.services.webhook_service import emit_event
from docflow.utils.text import extract_mentions

log = logging.getLogger(__name__)

MAX_COMMENT_LENGTH = 10_000


async def _notify_mentions(workspace_id: uuid.UUID, user_ids: list[uuid.UUID], payload: dict) -> None:
    async with sessionmaker()() as session:
        service = NotificationService(session)
        await service.notify_users(workspace_id, user_ids, "mention", payload)
        await service.email_opted_in(workspace_id, user_ids, "You were mentioned", payload["excerpt"])


class CommentService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.comments = CommentRepo(session)
        self.documents = DocumentRepo(session)
        self.workspaces = WorkspaceRepo(session)

    async def add(
        self,
        document_id: uuid.UUID,
        author_id: uuid.UUID,
        body: str,
        parent_id: int | None = None,
        anchor: dict | None = None,
    ) -> dict:
        doc = await self.documents.get(document_id)
        if doc is None:
            raise NotFound("document not found")
        body = body[:MAX_COMMENT_LENGTH]
        comment = await self.comments.create(document_id, author_id, body, parent_id, anchor)
        handles = extract_mentions(body)
        mentioned = await self.workspaces.users_by_handles(handles)
        member_ids = set(await self.workspaces.member_ids(doc.workspace_id))
        targets = [u.id for u in mentioned if u.id in member_ids and u.id != author_id]
        await self.session.commit()

        payload = {
            "document_id": str(document_id),
            "comment_id": comment.id,
            "excerpt": body[:200],
        }
        if targets:
            asyncio.create_task(_notify_mentions(doc.workspace_id, targets, payload))
        await hub.publish(str(document_id), {"type": "comment", **payload})
        await emit_event(doc.workspace_id, "comment.created", payload)
        return payload

    async def reply(self, root_id: int, author_id: uuid.UUID, body: str) -> dict:
        root = await self.comments.get(root_id)
        if root is None:
            raise NotFound("comment not found")
        result = await self.add(root.document_id, author_id, body, parent_id=root_id)
        participants = await self.comments.thread_participants(root_id)
        participants.discard(author_id)
        doc = await self.documents.get(root.document_id)
        async with sessionmaker()() as session:
            await NotificationService(session).notify_users(
                doc.workspace_id, sorted(participants), "reply", result
            )
        return result

    async def resolve(self, comment_id: int, user_id: uuid.UUID) -> None:
        comment = await self.comments.get(comment_id)
        if comment is None:
            raise NotFound("comment not found")
        doc = await self.documents.get(comment.document_id)
        if comment.author_id != user_id and doc.owner_id != user_id:
            raise Forbidden("only the author or document owner can resolve")
        await self.comments.resolve(comment_id)
        await self.session.commit()
        hub.publish(str(comment.document_id), {"type": "comment.resolved", "id": comment_id})
