"""The alert worker: takes pending alerts and delivers them, one at a time."""
import asyncio
import logging

from notify.clients import ChatClient, MailClient, PagerClient
from notify.dispatch import Digest, Dispatcher

log = logging.getLogger(__name__)


async def pending_alerts() -> list[dict]:
    return []


async def main() -> None:
    chat = ChatClient("https://chat.example.com")
    dispatcher = Dispatcher(MailClient("https://mail.example.com"), chat, PagerClient("https://pager.example.com"))
    digest = Digest(chat)
    while True:
        try:
            for alert in await pending_alerts():
                await dispatcher.deliver(alert)
                if alert.get("page"):
                    await dispatcher.page(alert)
            await digest.post_digest([])
        except Exception:
            log.exception("alert round failed")
        await asyncio.sleep(5)


if __name__ == "__main__":
    asyncio.run(main())
