from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

import asyncpg

from ..clients.directory import DirectoryClient
from ..clients.storage import PhotoStore
from ..errors import CredentialConflict, GatekeepError, NotFound, VisitorNotFound
from ..repositories.visitors import VisitorRepository
from ..settings import Settings
from ..utils.hashing import photo_digest
from ..utils.imaging import make_thumbnail, normalize_photo
from ..utils.timeutil import utcnow
from .audit import AuditLog
from .notifications import NotificationService


MAX_PHOTO_BYTES = 8 * 1024 * 1024


class PhotoService:
    def __init__(self, store: PhotoStore, settings: Settings) -> None:
        self._store = store
        self._settings = settings

    async def store_id_photo(self, visitor_id: int, raw: bytes) -> str:
        if len(raw) > MAX_PHOTO_BYTES:
            raise GatekeepError("photo too large", size=len(raw))
        normalized = normalize_photo(raw, self._settings.photo_max_px, self._settings.photo_scratch_dir)
        key = f"visitors/{visitor_id}/{photo_digest(normalized)}.jpg"
        await self._store.put_photo(key, normalized)
        return key

    async def thumbnail(self, raw: bytes) -> bytes:
        return await asyncio.to_thread(make_thumbnail, raw)

    def url_for(self, key: str) -> str:
        return self._store.presigned_url(key, expires_s=120)


log = logging.getLogger(__name__)


class VisitorService:
    def __init__(
        self,
        repo: VisitorRepository,
        directory: DirectoryClient,
        notifier: NotificationService,
        photos: PhotoService,
        audit: AuditLog,
    ) -> None:
        self._repo = repo
        self._directory = directory
        self._notifier = notifier
        self._photos = photos
        self._audit = audit
        self._tasks: set[asyncio.Task[Any]] = set()

    def _background(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def preregister(
        self,
        site_id: int,
        full_name: str,
        email: str,
        phone: str | None,
        company: str | None,
        host_email: str,
        expected_at: datetime,
        actor: str,
    ) -> asyncpg.Record:
        host = self._directory.lookup_employee(host_email)
        if host is None:
            raise NotFound(f"no employee with email {host_email}")
        visitor = await self._repo.create(
            site_id=site_id,
            full_name=full_name,
            email=email.lower(),
            phone=phone,
            company=company,
            host_id=host.id,
            host_email=host.email,
            expected_at=expected_at,
        )
        await self._notifier.visitor_registered(visitor, host)
        await self._audit.record(actor, "visitor.preregister", f"visitor:{visitor['id']}")
        return visitor

    async def walk_in(self, site_id: int, full_name: str, email: str, host_email: str) -> asyncpg.Record:
        host = await asyncio.to_thread(self._directory.lookup_employee, host_email)
        if host is None:
            raise NotFound(f"no employee with email {host_email}")
        visitor = await self._repo.create(
            site_id=site_id,
            full_name=full_name,
            email=email.lower(),
            host_id=host.id,
            host_email=host.email,
            expected_at=utcnow(),
        )
        self._background(self._notifier.visitor_registered(visitor, host))
        return visitor

    async def check_in(self, visitor_id: int, kiosk_id: str, photo: bytes | None) -> int:
        visitor = await self._repo.get(visitor_id)
        if visitor is None:
            raise VisitorNotFound(f"visitor {visitor_id} not found")
        if visitor["checked_in_at"] is not None:
            raise CredentialConflict("visitor is already checked in")
        photo_key = await self._photos.store_id_photo(visitor_id, photo) if photo else None
        seq = await self._repo.max_badge_seq(visitor["site_id"]) + 1
        await self._repo.mark_checked_in(visitor_id, utcnow(), seq, photo_key)
        asyncio.create_task(self._notifier.visitor_arrived(visitor, visitor["host_email"]))
        await self._audit.record(f"kiosk:{kiosk_id}", "visitor.check_in", f"visitor:{visitor_id}", badge_seq=seq)
        return seq

    async def express_check_in(self, visitor_id: int, gate_id: str) -> int:
        visitor = await self._repo.claim_check_in(visitor_id, utcnow())
        if visitor is None:
            raise CredentialConflict("visitor unknown or already checked in")
        seq = await self._repo.allocate_badge_seq(visitor["site_id"])
        await self._notifier.visitor_arrived(visitor, visitor["host_email"], channel="sms")
        await self._audit.record(f"gate:{gate_id}", "visitor.express_check_in", f"visitor:{visitor_id}")
        return seq

    async def search(self, site_id: int, term: str) -> list[asyncpg.Record]:
        return await self._repo.search(site_id, term.strip())

    async def history_for_email(self, email: str) -> list[asyncpg.Record]:
        return await self._repo.find_by_email(email)
