"""Renews permits with a saved payment mandate ahead of their expiry."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .. import pg
from ..clients.notify_client import NotifyClient
from ..models import Permit
from ..repositories.permit_repo import PermitRepository
from ..services.permit_service import PermitService
from ..utils.common import local_today

log = logging.getLogger(__name__)


class PermitRenewalWorker:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        permits: PermitService,
        notify: NotifyClient,
        reminder_concurrency: int = 8,
    ) -> None:
        self._sessions = sessions
        self._permits = permits
        self._notify = notify
        self._reminder_sem = asyncio.Semaphore(reminder_concurrency)

    async def renew_due(self) -> int:
        today = local_today()
        async with self._sessions() as db:
            due = await PermitRepository(db).expiring_between(today, today + timedelta(days=7))
        mandates = await self._mandates_for([p.holder_id for p in due])
        results = await asyncio.gather(
            *(self._renew_one(p, mandates.get(p.holder_id)) for p in due), return_exceptions=True
        )
        failures = [r for r in results if isinstance(r, Exception)]
        for failure in failures:
            log.error("permit renewal failed: %r", failure)
        return len(due) - len(failures)

    async def _renew_one(self, permit: Permit, mandate: str | None) -> None:
        if mandate is None:
            return
        await self._permits.renew(permit, mandate)

    async def _mandates_for(self, holder_ids: list[int]) -> dict[int, str]:
        rows = await pg.fetch(
            "SELECT holder_id, mandate_id FROM payment_mandates WHERE holder_id = ANY($1::int[]) AND revoked = false",
            holder_ids,
        )
        return {r["holder_id"]: r["mandate_id"] for r in rows}

    async def send_reminders(self, phones: dict[int, str], permits: list[Permit]) -> None:
        async def _one(permit: Permit) -> None:
            phone = phones.get(permit.holder_id)
            if phone is None:
                return
            async with self._reminder_sem:
                await self._notify.send_sms(phone, f"Your permit for {permit.plate} expires on {permit.valid_until}.")

        for start in range(0, len(permits), 200):
            await asyncio.gather(*(_one(p) for p in permits[start : start + 200]))
