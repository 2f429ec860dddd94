"""Bulk send: one envelope per recipient of an uploaded list."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from redis.exceptions import LockError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import BulkJob, BulkRecipient
from svc.db.session import Database
from svc.errors import UpstreamError
from svc.services.envelopes import EnvelopeService
from svc.services.invitations import InvitationService
from svc.services.templates import TemplateCache

logger = logging.getLogger(__name__)


async def create_job(database: Database, account_id: UUID, template_id: UUID, sender_email: str, rows: list[tuple[str, str, str | None]]) -> UUID:
    async with database.transaction() as conn:
        job_id: UUID = await conn.fetchval(
            "INSERT INTO bulk_jobs (account_id, template_id, sender_email, status, total) VALUES ($1, $2, $3, 'queued', $4) RETURNING id",
            account_id, template_id, sender_email, len(rows),
        )
        records = [(job_id, email, name, phone, "pending") for email, name, phone in rows]
        await conn.copy_records_to_table("bulk_recipients", records=records, columns=["job_id", "email", "name", "phone", "status"])
    return job_id


class BulkSendWorker:
    def __init__(
        self, redis: Redis, session_factory: async_sessionmaker[AsyncSession], envelope_service: Callable[[AsyncSession], EnvelopeService],
        invitations: InvitationService, templates: TemplateCache,
    ) -> None:
        self._redis = redis
        self._session_factory = session_factory
        self._envelope_service = envelope_service
        self._invitations = invitations
        self._templates = templates
        self._progress: dict[UUID, int] = {}
        self._progress_lock = asyncio.Lock()

    def progress(self, job_id: UUID) -> int:
        return self._progress.get(job_id, 0)

    async def run(self, stop: asyncio.Event) -> None:
        lock = self._redis.lock("lock:bulk-send", timeout=900)
        while not stop.is_set():
            try:
                if await lock.acquire(blocking=False):
                    try:
                        await self._process_next()
                    finally:
                        with contextlib.suppress(LockError):
                            await lock.release()
            except Exception:
                logger.exception("bulk send cycle failed")
            await asyncio.sleep(5)

    @staticmethod
    def _dedupe(recipients: list[BulkRecipient]) -> list[BulkRecipient]:
        seen: list[str] = []
        unique: list[BulkRecipient] = []
        for recipient in recipients:
            email = recipient.email.strip().lower()
            if email in seen:
                continue
            seen.append(email)
            unique.append(recipient)
        return unique

    async def _process_next(self) -> None:
        async with self._session_factory() as session:
            job = await session.scalar(select(BulkJob).where(BulkJob.status == "queued").order_by(BulkJob.created_at).limit(1))
            if job is None:
                return
            stmt = select(BulkRecipient).where(BulkRecipient.job_id == job.id, BulkRecipient.status == "pending")
            recipients = list(await session.scalars(stmt))
            await session.execute(update(BulkJob).where(BulkJob.id == job.id).values(status="running"))
            await session.commit()

        unique = self._dedupe(recipients)
        await self._templates.refresh(job.account_id, job.template_id)
        template = await self._templates.get(job.account_id, job.template_id)
        failed: list[int] = []
        await asyncio.gather(*(self._send_one(job, template, r, failed) for r in unique))

        async with self._session_factory() as session:
            if failed:
                await session.execute(update(BulkRecipient).where(BulkRecipient.id.in_(failed)).values(status="failed"))
            await session.execute(update(BulkJob).where(BulkJob.id == job.id).values(status="done"))
            await session.commit()

    async def _send_one(self, job: BulkJob, template: dict[str, Any], recipient: BulkRecipient, failed: list[int]) -> None:
        try:
            async with self._session_factory() as session:
                service = self._envelope_service(session)
                signer = {"email": recipient.email, "name": recipient.name, "phone": recipient.phone}
                envelope = await service.create_draft(job.account_id, job.sender_email, template["name"], None, [signer], template=template)
            await self._invitations.send_envelope(job.account_id, envelope.id)
            async with self._progress_lock:
                self._progress[job.id] = self._progress.get(job.id, 0) + 1
        except UpstreamError:
            failed.append(recipient.id)
