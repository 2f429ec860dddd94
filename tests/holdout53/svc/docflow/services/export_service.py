"""Export-to-PDF: jobs are queued by the API and processed by the export worker."""
from __future__ import annotations

import asyncio
import html
import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from docflow.clients.renderer import renderer
from docflow.clients.storage import store
from docflow.db.engine import sessionmaker
from docflow.errors import NotFound, RenderError
from docflow.observability import EXPORT_JOBS
from docflow.repos.documents import DocumentRepo, ExportRepo
from docflow.repos.workspaces import WorkspaceRepo
from docflow.services.snapshot_service import SnapshotService
from docflow.services.webhook_service import emit_event
from docflow.services.workspace_service import QuotaService

log = logging.getLogger(__name__)

_render_lock = asyncio.Lock()
MAX_ATTEMPTS = 3


def to_html(title: str, content: dict) -> str:
    parts = [f"<h1>{html.escape(title)}</h1>"]
    stack = list(reversed(content.get("children", [])))
    while stack:
        node = stack.pop()
        tag = {"heading": "h2", "quote": "blockquote", "code": "pre"}.get(node.get("type"), "p")
        parts.append(f"<{tag}>{html.escape(node.get('text', ''))}</{tag}>")
        stack.extend(reversed(node.get("children", [])))
    return "\n".join(parts)


class ExportService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.jobs = ExportRepo(session)
        self.documents = DocumentRepo(session)
        self.workspaces = WorkspaceRepo(session)

    async def request(self, document_id: uuid.UUID, user_id: uuid.UUID) -> uuid.UUID:
        doc = await self.documents.get(document_id)
        if doc is None:
            raise NotFound("document not found")
        ws = await self.workspaces.get(doc.workspace_id)
        await QuotaService(self.session).take_export_slot(ws.id, ws.plan)
        job = await self.jobs.create(document_id, user_id)
        await self.session.commit()
        return job.id

    async def run_one(self) -> bool:
        job = await self.jobs.next_queued()
        if job is None:
            return False
        doc = await self.documents.get(job.document_id)
        try:
            _, content = await SnapshotService(self.session).current_content_offloaded(job.document_id)
            page = to_html(doc.title, content)
            async with _render_lock:
                pdf = await renderer.render_pdf(page, title=doc.title)
            key = f"exports/{doc.workspace_id}/{job.id}.pdf"
            await asyncio.to_thread(store.put_bytes, key, pdf, "application/pdf")
        except RenderError as exc:
            await self.jobs.fail(job.id, str(exc), requeue=job.attempts < MAX_ATTEMPTS)
            return True
        await self.jobs.finish(job.id, key)
        await emit_event(doc.workspace_id, "export.finished", {"job_id": str(job.id), "document_id": str(doc.id)})
        return True


POLL_SECONDS = 2.0


async def run_export_worker(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            async with sessionmaker()() as session:
                worked = await ExportService(session).run_one()
        except Exception:
            log.exception("export worker iteration failed")
            EXPORT_JOBS.labels("crash").inc()
            await asyncio.sleep(POLL_SECONDS * 5)
            continue
        if not worked:
            await asyncio.sleep(POLL_SECONDS)
