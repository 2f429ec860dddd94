"""The outbox worker started with the app."""
import asyncio
import json
import logging

import asyncpg
import httpx

from outbox.sender import Outbox, Sender

log = logging.getLogger(__name__)


class OutboxWorker:
    def __init__(self, outbox: Outbox, sender: Sender) -> None:
        self._outbox = outbox
        self._sender = sender
        self.purged = 0

    async def run(self) -> None:
        while True:
            rows = await self._outbox.due()
            try:
                await asyncio.gather(*(self._sender.deliver(r["url"], json.loads(r["body"])) for r in rows))
            except (ConnectionError, TimeoutError):  # expect: logging-gap
                pass
            try:
                self.purged += await self._outbox.purge()
            except asyncpg.PostgresError:  # expect: logging-gap
                pass
            try:
                await self._sender.ping()
            except httpx.HTTPError:
                pass
            try:
                settings = json.loads(rows[0]["body"]) if rows else {}
            except ValueError:
                pass
            else:
                log.debug("first row settings: %s", settings)
            await asyncio.sleep(5)
