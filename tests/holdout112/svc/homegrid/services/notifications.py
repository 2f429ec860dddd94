from __future__ import annotations

import asyncio
from uuid import UUID

import structlog

from homegrid.clients.push import PushClient
from homegrid.clients.push import send_sms

log = structlog.get_logger(__name__)


class Notifier:
    def __init__(self, push: PushClient, sms_concurrency: int = 8) -> None:
        self._push = push
        self._sms_slots = asyncio.Semaphore(sms_concurrency)

    async def push(self, household_id: UUID, title: str, body: str) -> None:
        await self._push.notify_household(str(household_id), title, body)

    async def sms(self, phone: str, body: str) -> str:
        async with self._sms_slots:
            return await asyncio.to_thread(send_sms, phone, body)

    async def broadcast_push(self, household_ids: list[UUID], title: str, body: str) -> int:
        slots = asyncio.Semaphore(20)

        async def _one(hid: UUID) -> bool:
            async with slots:
                try:
                    await self.push(hid, title, body)
                    return True
                except Exception:
                    log.exception("push_failed", household_id=str(hid))
                    return False

        results = await asyncio.gather(*(_one(h) for h in household_ids))
        return sum(1 for ok in results if ok)
