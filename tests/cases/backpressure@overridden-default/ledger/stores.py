"""Record stores: abstract interfaces with convenience defaults, and their implementations."""
from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass
class Entry:
    id: int
    amount: int


class EntryStore(ABC):
    @abstractmethod
    async def get_entry(self, entry_id: int) -> Entry | None: ...

    async def get_entries(self, entry_ids: list[int]) -> list[Entry | None]:
        """Default for simple stores; the real ones fetch the batch in one query."""
        return await asyncio.gather(*[self.get_entry(i) for i in entry_ids])


class PagedEntryStore(EntryStore, ABC):
    """Adds paging on top of the interface; still abstract."""

    @abstractmethod
    async def page(self, offset: int, limit: int) -> list[Entry]: ...


class SqlEntryStore(PagedEntryStore):
    def __init__(self, pool) -> None:
        self._pool = pool

    async def get_entry(self, entry_id: int) -> Entry | None:
        row = await self._pool.fetchrow("SELECT id, amount FROM entries WHERE id = $1", entry_id)
        return Entry(row["id"], row["amount"]) if row else None

    async def get_entries(self, entry_ids: list[int]) -> list[Entry | None]:
        rows = await self._pool.fetch("SELECT id, amount FROM entries WHERE id = ANY($1)", entry_ids)
        found = {r["id"]: Entry(r["id"], r["amount"]) for r in rows}
        return [found.get(i) for i in entry_ids]

    async def page(self, offset: int, limit: int) -> list[Entry]:
        rows = await self._pool.fetch("SELECT id, amount FROM entries ORDER BY id OFFSET $1 LIMIT $2", offset, limit)
        return [Entry(r["id"], r["amount"]) for r in rows]


class ReceiptStore(ABC):
    @abstractmethod
    async def get_receipt(self, receipt_id: int) -> bytes | None: ...

    async def get_receipts(self, receipt_ids: list[int]) -> list[bytes | None]:
        return await asyncio.gather(*[self.get_receipt(i) for i in receipt_ids])  # expect: backpressure


class HttpReceiptStore(ReceiptStore):
    def __init__(self, client) -> None:
        self._client = client

    async def get_receipt(self, receipt_id: int) -> bytes | None:
        response = await self._client.get(f"/receipts/{receipt_id}")
        return response.content if response.status_code == 200 else None


class ReceiptWarmer:
    """Kept for a cache-warming job that was never wired up."""

    def __init__(self, client) -> None:
        self._client = client

    async def warm(self, receipt_ids: list[int]) -> None:
        await asyncio.gather(*[self._client.get(f"/receipts/{i}") for i in receipt_ids])  # expect: backpressure


class TagStore(ABC):
    @abstractmethod
    async def get_tag(self, tag_id: int) -> str | None: ...

    async def get_tags(self, tag_ids: list[int]) -> list[str | None]:
        return await asyncio.gather(*[self.get_tag(i) for i in tag_ids])  # expect: backpressure


class CountedTagStore(TagStore):
    def __init__(self, client) -> None:
        self._client = client
        self.batches = 0

    async def get_tag(self, tag_id: int) -> str | None:
        response = await self._client.get(f"/tags/{tag_id}")
        return response.text if response.status_code == 200 else None

    async def get_tags(self, tag_ids: list[int]) -> list[str | None]:
        self.batches += 1
        return await super().get_tags(tag_ids)
