from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.db.models import JournalEntry, Posting
from svc.repositories.payments import LedgerRepository, PostingRow


@dataclass(frozen=True, slots=True)
class EntryView:
    entry_id: UUID
    kind: str
    legs: tuple[tuple[UUID, int, str], ...]


class LedgerService:
    """Double-entry journal: every transfer is one entry whose postings sum to zero."""

    def __init__(self, repo: LedgerRepository, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._repo = repo
        self._sessions = sessions

    async def record_transfer(
        self,
        conn: asyncpg.Connection,
        transfer_id: UUID,
        sender_wallet_id: UUID,
        recipient_wallet_id: UUID,
        amount_minor: int,
        currency: str,
    ) -> UUID:
        entry_id = await self._repo.insert_entry(conn, transfer_id, "transfer")
        legs = [
            PostingRow(sender_wallet_id, -amount_minor, currency),
            PostingRow(recipient_wallet_id, amount_minor, currency),
        ]
        await self._repo.insert_postings(conn, entry_id, legs)
        return entry_id

    async def entries_for_transfers(self, transfer_ids: Sequence[UUID]) -> list[EntryView]:
        async with self._sessions() as session:
            stmt = (
                select(JournalEntry)
                .where(JournalEntry.transfer_id.in_(transfer_ids))
                .options(selectinload(JournalEntry.postings))
            )
            entries = (await session.scalars(stmt)).all()
        return [
            EntryView(e.id, e.kind, tuple((p.wallet_id, p.amount_minor, p.currency) for p in e.postings))
            for e in entries
        ]

    async def audit_trail(self, wallet_id: UUID, since: datetime) -> list[EntryView]:
        """Full entries (both legs) touching a wallet, for the support console."""
        async with self._sessions() as session:
            touched = select(Posting.entry_id).where(Posting.wallet_id == wallet_id, Posting.created_at >= since)
            entry_ids = (await session.scalars(touched.distinct())).all()
            views: list[EntryView] = []
            for entry_id in entry_ids:
                legs = (await session.scalars(select(Posting).where(Posting.entry_id == entry_id))).all()
                views.append(EntryView(entry_id, "transfer", tuple((p.wallet_id, p.amount_minor, p.currency) for p in legs)))
        return views
