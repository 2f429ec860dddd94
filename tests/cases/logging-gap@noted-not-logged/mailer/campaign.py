"""Campaign sender: one background run per queued campaign."""
import asyncio
import logging

from mailer.errors import DeliveryError
from mailer.provider import Provider

log = logging.getLogger(__name__)


class CampaignWorker:
    def __init__(self, provider: Provider) -> None:
        self._provider = provider

    async def run(self, queue: asyncio.Queue) -> None:
        while True:
            campaign = await queue.get()
            failed: list[str] = []
            errors: list[tuple[str, str]] = []
            await asyncio.gather(*(self._send_one(to, campaign["body"], failed) for to in campaign["to"]))
            await asyncio.gather(*(self._send_noted(to, campaign["body"], errors) for to in campaign["to"]))
            await asyncio.gather(*(self._send_logged(to, campaign["body"], failed) for to in campaign["to"]))
            log.info("campaign %s: %d failed", campaign["id"], len(failed) + len(errors))

    async def _send_one(self, to: str, body: str, failed: list[str]) -> None:
        try:
            await self._provider.send(to, body)
        except DeliveryError:  # expect: logging-gap
            failed.append(to)

    async def _send_noted(self, to: str, body: str, errors: list[tuple[str, str]]) -> None:
        try:
            await self._provider.send(to, body)
        except DeliveryError as exc:
            errors.append((to, str(exc)))

    async def _send_logged(self, to: str, body: str, failed: list[str]) -> None:
        try:
            await self._provider.send(to, body)
        except DeliveryError as exc:
            log.warning("send to %s failed: %s", to, exc)
            failed.append(to)
