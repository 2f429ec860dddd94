from __future__ import annotations

import asyncio
import logging

from twilio.rest import Client as TwilioClient

from stacks.settings import Settings

log = logging.getLogger(__name__)


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._from = settings.sms_from_number
        self._client = TwilioClient(settings.sms_account_sid, settings.sms_auth_token)

    async def send(self, to: str, text: str) -> str:
        message = self._client.messages.create(to=to, from_=self._from, body=text)
        return message.sid

    async def lookup_carrier(self, number: str) -> str | None:
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            None, lambda: self._client.lookups.v2.phone_numbers(number).fetch(fields="line_type_intelligence")
        )
        info = result.line_type_intelligence or {}
        return info.get("carrier_name")
