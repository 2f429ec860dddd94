"""Guest profiles, search and CRM export."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from svc.clients.partners import CrmExporter
from svc.repositories.guests import GuestRepository
from svc.support import gzip_file, write_csv

logger = logging.getLogger(__name__)

CRM_HEADER = ("guest_ref", "first_name", "visits", "opt_in", "tags")
EXPORT_BATCH = 1000


def pseudonymize(phone: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", phone.encode(), salt, 120_000).hex()


class GuestService:
    _profile_cache: dict[str, dict[str, Any]] = {}

    def __init__(self, guests: GuestRepository, crm: CrmExporter, export_dir: Path, salt: str) -> None:
        self._guests = guests
        self._crm = crm
        self._export_dir = export_dir
        self._salt = salt.encode()

    async def profile_by_phone(self, phone: str) -> dict[str, Any] | None:
        if phone in self._profile_cache:
            return dict(self._profile_cache[phone])
        row = await self._guests.find_by_phone(phone)
        if row is None:
            return None
        profile = dict(row)
        self._profile_cache[phone] = profile
        return dict(profile)

    async def by_email(self, group_id: int, email: str) -> dict[str, Any] | None:
        row = await self._guests.find_by_email(group_id, email)
        return dict(row) if row is not None else None

    async def search(self, group_id: int, term: str) -> list[dict[str, Any]]:
        return [dict(r) for r in await self._guests.search(group_id, term.strip())]

    async def _load_group(self, group_id: int) -> list[dict[str, Any]]:
        guests: list[dict[str, Any]] = []
        after_id = 0
        while True:
            batch = await self._guests.page_for_group(group_id, after_id, EXPORT_BATCH)
            if not batch:
                return guests
            guests.extend(dict(r) for r in batch)
            after_id = batch[-1]["id"]

    async def export_for_crm(self, group_id: int) -> str:
        guests = await self._load_group(group_id)
        rows = []
        for guest in copy.deepcopy(guests):
            rows.append(
                {
                    "guest_ref": pseudonymize(guest["phone_e164"], self._salt),
                    "first_name": guest["first_name"],
                    "visits": guest["visit_count"],
                    "opt_in": guest["marketing_opt_in"],
                    "tags": "|".join(guest["tags"] or []),
                }
            )
        path = self._export_dir / f"crm-{group_id}-{datetime.now(timezone.utc):%Y%m%d%H%M%S}.csv"
        write_csv(path, CRM_HEADER, rows)
        archive = await asyncio.to_thread(gzip_file, path)
        await self._crm.upload(archive)
        await asyncio.to_thread(archive.unlink)
        logger.info("exported %d guests of group %s to CRM", len(rows), group_id)
        return archive.name
