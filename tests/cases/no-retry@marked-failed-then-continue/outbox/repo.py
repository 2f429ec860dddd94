"""A stand-in repository."""
from __future__ import annotations


class Repo:
    async def pending(self, limit: int) -> list:
        return []

    async def unsent(self) -> list:
        return []

    async def pending_entries(self) -> list:
        return []

    async def set_status(self, row_id: int, status: str, ref: str = "") -> None:
        return None

    async def move_to_dead_letters(self, invoice_id: int) -> None:
        return None

    async def mark_sent(self, invoice_id: int) -> None:
        return None

    async def note_attempt(self, entry_id: int, error: str) -> None:
        return None

    async def mark_posted(self, entry_id: int) -> None:
        return None
