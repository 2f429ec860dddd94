"""Receipts and texts are queued by requests and sent by one worker each."""
import asyncio
import logging

from shop.clients import MailClient, SmsClient

log = logging.getLogger(__name__)


class Outbox:
    def __init__(self, mail: MailClient, sms: SmsClient) -> None:
        self._mail = mail
        self._sms = sms
        self._receipts: asyncio.Queue[dict] = asyncio.Queue(maxsize=500)
        self._texts: asyncio.Queue[dict] = asyncio.Queue(maxsize=500)

    def receipt(self, message: dict) -> None:
        self._receipts.put_nowait(message)

    def text(self, message: dict) -> None:
        self._texts.put_nowait(message)

    async def send_receipts(self) -> None:
        while True:
            message = await self._receipts.get()
            try:
                await self._mail.send(message)
            except Exception:
                log.exception("receipt to %s failed", message.get("to"))

    async def send_texts(self) -> None:
        while True:
            message = await self._texts.get()
            try:
                await self._sms.send(message)
            except Exception:
                log.exception("text to %s failed", message.get("to"))
