"""Publishes ledger changes; callers must name every field."""
from __future__ import annotations


class ChangePublisher:
    def __init__(self, client) -> None:
        self.client = client

    async def changed(self, *, account_id: str, entry_id: str) -> None:
        await self.client.publish(f"ledger:{account_id}", entry_id)
