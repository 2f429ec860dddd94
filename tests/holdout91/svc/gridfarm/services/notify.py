from __future__ import annotations

import asyncio
import logging

from ..clients.sms import SmsGateway

log = logging.getLogger(__name__)

ON_CALL_ROTA = ("+4520000001", "+4520000002", "+4520000003")


class Notifier:
    def __init__(self, sms: SmsGateway) -> None:
        self._sms = sms

    def _format(self, site_code: str, code: str, level: int) -> str:
        return f"[gridfarm L{level}] {site_code}: alarm {code} unacknowledged"

    def page_on_call(self, site_code: str, code: str, level: int) -> list[str]:
        body = self._format(site_code, code, level)
        return [self._sms.send(number, body) for number in ON_CALL_ROTA[: level + 1]]

    async def text_technician(self, phone: str, body: str) -> str:
        return await asyncio.to_thread(self._sms.send, phone, body)
