"""Reagent lots edited inside transaction blocks, with a cached copy per lot."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from labs.store import PanelCache


class LotService:
    def __init__(self, session: AsyncSession, lot_cache: PanelCache) -> None:
        self._session = session
        self._lot_cache = lot_cache

    async def expire_lot(self, lot, when) -> None:
        async with self._session.begin():
            lot.expires = when
            await self._lot_cache.delete(f"lot:{lot.id}")  # expect: cache-misuse

    async def expire_lot_ok(self, lot, when) -> None:
        async with self._session.begin():
            lot.expires = when
        await self._lot_cache.delete(f"lot:{lot.id}")

    async def recall_lot(self, lot) -> None:
        async with self._session.begin():
            await self._lot_cache.delete(f"lot:{lot.id}")
            lot.recalled = True
        await self._lot_cache.delete(f"lot:{lot.id}")

    async def savepoint(self, lot) -> None:
        async with self._session.begin_nested():
            lot.flagged = True
            await self._lot_cache.delete(f"lot:{lot.id}")


def relabel(transaction, cache, lot, label: str) -> None:
    with transaction.atomic():
        lot.label = label
        lot.save()
        cache.delete(f"lot:{lot.id}")  # expect: cache-misuse


def relabel_on_commit(transaction, cache, lot, label: str) -> None:
    with transaction.atomic():
        lot.label = label
        lot.save()
        transaction.on_commit(lambda: cache.delete(f"lot:{lot.id}"))
