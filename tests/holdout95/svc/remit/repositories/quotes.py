from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Quote, QuoteStatus


class QuoteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, quote_id: uuid.UUID) -> Quote | None:
        return await self._session.get(Quote, quote_id)

    async def get_many(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, Quote]:
        if not ids:
            return {}
        result = await self._session.execute(select(Quote).where(Quote.id.in_(ids)))
        return {q.id: q for q in result.scalars()}

    async def add(self, quote: Quote) -> Quote:
        self._session.add(quote)
        await self._session.flush()
        return quote

    async def mark_accepted(self, quote_id: uuid.UUID) -> None:
        await self._session.execute(
            update(Quote).where(Quote.id == quote_id).values(status=QuoteStatus.ACCEPTED)
        )

    async def consume_if_open(self, quote_id: uuid.UUID, now: datetime) -> bool:
        result = await self._session.execute(
            update(Quote)
            .where(Quote.id == quote_id, Quote.status == QuoteStatus.OPEN, Quote.expires_at > now)
            .values(status=QuoteStatus.ACCEPTED)
            .returning(Quote.id)
        )
        return result.scalar_one_or_none() is not None

    async def expire_stale(self, now: datetime, batch: int = 500) -> int:
        subq = (
            Quote.__table__.select()
            .with_only_columns(Quote.id)
            .where(Quote.status == QuoteStatus.OPEN, Quote.expires_at <= now)
            .limit(batch)
            .scalar_subquery()
        )
        result = await self._session.execute(
            update(Quote).where(Quote.id.in_(subq)).values(status=QuoteStatus.EXPIRED)
        )
        return result.rowcount or 0
