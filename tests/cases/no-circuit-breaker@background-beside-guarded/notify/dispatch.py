"""Delivers queued alerts to their channels."""
import logging

from notify.clients import ChatClient, MailClient, PagerClient

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(self, mail: MailClient, chat: ChatClient, pager: PagerClient) -> None:
        self._mail = mail
        self._chat = chat
        self._pager = pager

    async def deliver(self, alert: dict) -> None:
        for target in alert["targets"]:
            if target["kind"] == "mail":
                await self._mail.send(target["address"], alert["title"], alert["body"])
            elif target["kind"] == "chat":
                await self._chat.post(target["channel"], alert["title"])  # expect: no-circuit-breaker

    async def page(self, alert: dict) -> None:
        # both providers here guard themselves: nothing left out
        await self._pager.trigger(alert["routing_key"], alert["title"])
        await self._mail.send(alert["oncall"], alert["title"], alert["body"])


class Digest:
    """Posts a daily digest to chat; no other provider is used beside it."""

    def __init__(self, chat: ChatClient) -> None:
        self._chat = chat

    async def post_digest(self, lines: list[str]) -> None:
        await self._chat.post("#ops-digest", "\n".join(lines))
