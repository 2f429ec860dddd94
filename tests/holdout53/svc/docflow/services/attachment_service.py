"""Attachment uploads: presign, client PUTs to object storage, then finalize."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from docflow.clients.storage import scan_bytes, store
from docflow.db.models import Attachment
from docflow.errors import DocflowError, NotFound, StorageError
from docflow.repos.documents import DocumentRepo
from docflow.repos.workspaces import WorkspaceRepo
from docflow.services.workspace_service import QuotaService
from docflow.utils.text import object_key

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
ALLOWED_TYPES = ("image/", "application/pdf", "text/", "application/vnd.openxmlformats")


class AttachmentService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.documents = DocumentRepo(session)
        self.workspaces = WorkspaceRepo(session)
        self.quotas = QuotaService(session)

    async def start_upload(
        self, document_id: uuid.UUID, filename: str, content_type: str, size_bytes: int
    ) -> dict:
        if not content_type.startswith(ALLOWED_TYPES):
            raise DocflowError("file type not allowed")
        if size_bytes > MAX_UPLOAD_BYTES:
            raise DocflowError("file too large")
        doc = await self.documents.get(document_id)
        if doc is None:
            raise NotFound("document not found")
        await self.quotas.reserve_storage(doc.workspace_id, size_bytes)
        key = object_key(doc.workspace_id, document_id, filename)
        attachment = Attachment(
            document_id=document_id,
            workspace_id=doc.workspace_id,
            object_key=key,
            filename=filename,
            content_type=content_type,
            size_bytes=size_bytes,
        )
        self.session.add(attachment)
        await self.session.commit()
        form = store.presign_put(key, content_type, size_bytes)
        return {"attachment_id": str(attachment.id), "upload": form}

    async def finalize(self, attachment_id: uuid.UUID) -> dict:
        attachment = await self.session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFound("attachment not found")
        head = await store.head(attachment.object_key)
        if head is None:
            raise DocflowError("upload not found in storage")
        if head["ContentLength"] > attachment.size_bytes:
            await store.delete(attachment.object_key)
            raise DocflowError("uploaded object larger than declared")
        body = await asyncio.to_thread(self._download, attachment.object_key)
        verdict = await scan_bytes(body)
        if verdict.endswith("FOUND"):
            await store.delete(attachment.object_key)
            attachment.status = "infected"
        else:
            attachment.status = "ready"
        await self.session.commit()
        return {"id": str(attachment.id), "status": attachment.status}

    def _download(self, key: str) -> bytes:
        obj = store.client.get_object(Bucket=store.settings.s3_bucket, Key=key)
        return obj["Body"].read()

    async def import_local(self, document_id: uuid.UUID, path: str, content_type: str) -> str:
        doc = await self.documents.get(document_id)
        if doc is None:
            raise NotFound("document not found")
        with open(path, "rb") as fh:
            data = fh.read()
        digest = hashlib.sha256(data).hexdigest()
        key = object_key(doc.workspace_id, document_id, f"{digest[:12]}-{path.rsplit('/', 1)[-1]}")
        try:
            store.put_bytes(key, data, content_type)
        except StorageError:
            log.exception("import of %s failed", path)
            raise
        await self.workspaces.add_storage(doc.workspace_id, len(data))
        await self.session.commit()
        return key

    async def download_url(self, attachment_id: uuid.UUID) -> str:
        attachment = await self.session.get(Attachment, attachment_id)
        if attachment is None or attachment.status != "ready":
            raise NotFound("attachment not available")
        return store.presign_get(attachment.object_key, attachment.filename)
