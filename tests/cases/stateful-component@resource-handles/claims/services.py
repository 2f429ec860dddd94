"""Long-lived service objects of the claims API."""
from __future__ import annotations

import asyncio
from typing import Optional

from playhouse.postgres_ext import PostgresqlExtDatabase
from sqlalchemy.ext.asyncio import AsyncSession

from claims.settings import settings


class ClaimRow:
    def __init__(self, claim_id: int, body: dict) -> None:
        self.claim_id = claim_id
        self.body = body


class ClaimsDAO:
    """Runs in a caller's session when given one."""

    def __init__(self, session: Optional[AsyncSession] = None) -> None:
        self.session = session

    async def create(self, claim_id: int, body: dict) -> ClaimRow:
        row = ClaimRow(claim_id, body)
        self.session.add(row)
        await self.session.flush()
        return row

    async def discard(self, row: ClaimRow) -> None:
        await self.session.delete(row)


class Warehouse:
    """Owns the reporting database connection of this process."""

    def __init__(self) -> None:
        self.db: PostgresqlExtDatabase = None

    def open(self) -> None:
        if self.db is not None:
            return
        self.db = PostgresqlExtDatabase(settings.WAREHOUSE_DB, host=settings.WAREHOUSE_HOST)
        self.db.connect()

    def close(self) -> None:
        if self.db:
            self.db.close()
            self.db = None

    def is_open(self) -> bool:
        return self.db is not None and not self.db.is_closed()


class Notifier:
    """Relays claim events to this process's listeners from its own background task."""

    def __init__(self) -> None:
        self.relaying = False
        self.task = None

    async def start(self) -> None:
        if self.task is None or self.task.done():
            self.relaying = True
            self.task = asyncio.create_task(self._relay())

    async def stop(self) -> None:
        self.relaying = False

    async def _relay(self) -> None:
        while self.relaying:
            await asyncio.sleep(1)


class Intake:
    """Admin switch for accepting new claims."""

    def __init__(self) -> None:
        self.paused = False  # expect: stateful-component
        self._drafts: dict[int, dict] = {}

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def accepting(self) -> bool:
        return not self.paused
