from __future__ import annotations

import asyncio
import threading
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.title import TitleGateway
from ..repositories import ApplicationRepository, ClosingRepository
from .errors import Conflict, NotFound


class ClosingService:
    def __init__(self, session: AsyncSession, title: TitleGateway, calendar_lock: threading.Lock) -> None:
        self.session = session
        self.title = title
        self._calendar_lock = calendar_lock
        self.apps = ApplicationRepository(session)
        self.repo = ClosingRepository(session)

    async def slots(self, title_company_id: str, day: datetime) -> list[str]:
        slots = self.title.available_slots(title_company_id, day)
        return [s.isoformat() for s in slots]

    async def schedule(self, application_id: int, title_company_id: str, start: datetime, address: dict[str, Any]) -> str:
        app = await self.apps.get(application_id)
        if app is None:
            raise NotFound(f"application {application_id}")
        if app.status != "clear_to_close":
            raise Conflict("loan is not clear to close")
        order_ref = await asyncio.to_thread(self.title.open_order, app.loan_number, address)
        with self._calendar_lock:
            booked = await asyncio.to_thread(self.title.book_slot, order_ref, start)
        if not booked:
            raise Conflict("slot no longer available")
        await self.repo.schedule(application_id, title_company_id, start, order_ref)
        await self.session.commit()
        return order_ref
