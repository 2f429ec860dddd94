"""Pushes ledger entries; an entry that fails stays pending and is sent again next round."""
from __future__ import annotations

import asyncio
import logging

import httpx

from .clients import Ledger

log = logging.getLogger(__name__)


class LedgerSync:
    def __init__(self, repo, ledger: Ledger) -> None:
        self._repo = repo
        self._ledger = ledger

    async def push_pending(self) -> None:
        for entry in await self._repo.pending_entries():
            try:
                await self._ledger.post_entry(entry.id, entry.cents)
            except httpx.HTTPError as exc:
                log.warning("entry %s not posted yet: %s", entry.id, exc)
                await self._repo.note_attempt(entry.id, str(exc))
                continue
            await self._repo.mark_posted(entry.id)

    async def run(self) -> None:
        while True:
            await self.push_pending()
            await asyncio.sleep(20)
