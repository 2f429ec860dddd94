import asyncio
import logging

from relay.partner import PartnerClient

log = logging.getLogger(__name__)


class Outbox:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    async def pending(self) -> list[dict]:
        taken, self.rows = self.rows, []
        return taken


class Relay:
    def __init__(self, outbox: Outbox, partner: PartnerClient) -> None:
        self._outbox = outbox
        self._partner = partner

    async def run(self) -> None:
        while True:
            for event in await self._outbox.pending():
                try:
                    await self._partner.deliver(event)
                except Exception:
                    log.exception("delivery of %s failed", event["id"])
            await asyncio.sleep(30)
