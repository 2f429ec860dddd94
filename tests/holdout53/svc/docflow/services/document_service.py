from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from docflow.errors import Conflict, NotFound
from docflow.locks import doc_lock, workspace_lock
from docflow.observability import OPS_APPLIED
from docflow.realtime.ot import transform_batch
from docflow.repos import operations
from docflow.repos.documents import DocumentRepo
from docflow.services.search_service import enqueue_index

log = logging.getLogger(__name__)

_summary_cache: dict[uuid.UUID, dict] = {}


class DocumentService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = DocumentRepo(session)

    async def list_with_owners(self, workspace_id: uuid.UUID, before: datetime | None) -> list[dict]:
        docs = await self.repo.list_page(workspace_id, before=before)
        out = []
        for doc in docs:
            owner = await self.repo.owner_of(doc)
            out.append(
                {
                    "id": str(doc.id),
                    "title": doc.title,
                    "updated_at": doc.updated_at.isoformat(),
                    "owner": owner.display_name if owner else None,
                }
            )
        return out

    async def recent_for_dashboard(self, workspace_id: uuid.UUID) -> list[dict]:
        docs = await self.repo.list_page(workspace_id, before=None, limit=20)
        owners = await self.repo.owners({d.owner_id for d in docs})
        return [
            {"id": str(d.id), "title": d.title, "owner": getattr(owners.get(d.owner_id), "handle", None)}
            for d in docs
        ]

    async def summary(self, document_id: uuid.UUID) -> dict:
        cached = _summary_cache.get(document_id)
        if cached is not None:
            return cached
        doc = await self.repo.get(document_id)
        if doc is None:
            raise NotFound("document not found")
        summary = {"id": str(doc.id), "title": doc.title, "version": doc.version, "tags": []}
        _summary_cache[document_id] = summary
        return summary

    async def rename(self, document_id: uuid.UUID, title: str) -> None:
        doc = await self.repo.get(document_id)
        if doc is None:
            raise NotFound("document not found")
        doc.title = title
        await self.session.commit()
        await enqueue_index(document_id)

    async def apply(
        self, document_id: uuid.UUID, base_version: int, user_id: uuid.UUID, client_id: str, ops: list[dict]
    ) -> tuple[int, list[dict]]:
        async with doc_lock(document_id):
            doc = await self.repo.get(document_id)
            if doc is None:
                raise NotFound("document not found")
            if base_version > doc.version:
                raise Conflict("client ahead of server")
            concurrent = await operations.ops_since(document_id, base_version)
            transformed = transform_batch(ops, [c["op"] for c in concurrent])
            new_version = await operations.append_ops(document_id, doc.version, user_id, client_id, transformed)
            if not await self.repo.bump_version(document_id, doc.version):
                await self.session.rollback()
                raise Conflict("version moved")
            await self.session.commit()
        OPS_APPLIED.inc(len(transformed))
        return new_version, transformed

    async def archive(self, document_id: uuid.UUID) -> None:
        async with doc_lock(document_id):
            doc = await self.repo.get(document_id)
            if doc is None:
                raise NotFound("document not found")
            async with workspace_lock(doc.workspace_id):
                doc.archived = True
                await self.session.commit()
