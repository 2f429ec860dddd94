"""Background workers: delivery from in-process queues, and a poller."""
import asyncio
import logging

from relay.outbound import AuditClient, HookClient, PagerClient, StatusClient

log = logging.getLogger(__name__)


class Deliverer:
    def __init__(self, hooks: HookClient, pager: PagerClient) -> None:
        self._hooks = hooks
        self._pager = pager
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    def submit(self, event: dict) -> None:
        self._queue.put_nowait(event)

    async def run(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._hooks.post_event(event["url"], event)
                if event.get("critical"):
                    await self._pager.page(event["contact"], event["text"])
            except Exception:
                log.exception("delivery of %s failed", event.get("id"))


class AuditShipper:
    def __init__(self, audit: AuditClient) -> None:
        self._audit = audit
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    def submit(self, event: dict) -> None:
        self._queue.put_nowait(event)

    async def run(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._audit.record(event)
            except Exception:
                log.warning("audit record failed; queued again")
                await asyncio.sleep(1.0)
                self.submit(event)


async def watch_status(status: StatusClient, interval: float = 60.0) -> None:
    while True:
        try:
            for incident in await status.incidents():
                log.info("incident %s", incident.get("id"))
        except Exception:
            log.exception("status poll failed")
        await asyncio.sleep(interval)
