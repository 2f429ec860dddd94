"""SMS client used by the application: wraps the vendor's synchronous gateway."""
from __future__ import annotations

import asyncio

from svc.clients.sms_gateway import SmsGateway
from svc.config import Settings


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._gateway = SmsGateway(settings.sms_base_url, settings.sms_account, settings.sms_token)

    async def send(self, to: str, body: str) -> str:
        return await asyncio.to_thread(self._gateway.send_message, to, body)

    def send_now(self, to: str, body: str) -> str:
        return self._gateway.send_message(to, _truncate(body))

    async def status(self, sid: str) -> str:
        return await asyncio.to_thread(self._gateway.message_status, sid)


def _truncate(body: str, limit: int = 480) -> str:
    return body if len(body) <= limit else body[: limit - 1] + "…"
