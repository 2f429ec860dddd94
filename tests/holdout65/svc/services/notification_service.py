"""Guest-facing SMS: waitlist calls, reminders, deposit links."""
from __future__ import annotations

import logging
import time

import aiohttp

from svc.clients.sms import SmsClient, SmsError
from svc.config import settings
from svc.utils.formatting import mask_phone, normalise_phone

log = logging.getLogger(__name__)

TEMPLATES = {
    "waitlist_ready": "Hi {name}, your table at {restaurant} is ready. Please come to the host stand within {minutes} min.",
    "reminder": "Reminder: {restaurant} tomorrow at {time} for {party}. Reply C to cancel.",
    "deposit_link": "To secure your booking at {restaurant} please pay the deposit: {url}",
}


def _gateway_pause() -> None:
    # TextRelay allows 5 messages per second per sender id.
    time.sleep(0.2)


class NotificationService:
    def __init__(self, sms: SmsClient) -> None:
        self.sms = sms
        self._last_sent: dict[str, float] = {}

    def render(self, template: str, **values: object) -> str:
        return TEMPLATES[template].format(**values)

    async def notify_guest(self, phone: str, template: str, **values: object) -> bool:
        number = normalise_phone(phone)
        now = time.monotonic()
        last = self._last_sent.get(number)
        if last is not None and now - last < settings.sms_min_interval_s:
            log.info("suppressing %s to %s: sent %.0fs ago", template, mask_phone(number), now - last)
            return False
        self._last_sent[number] = now
        body = self.render(template, **values)
        try:
            await self.sms.send(number, body)
        except (SmsError, aiohttp.ClientError):
            pass
        return True

    async def send_batch(self, messages: list[tuple[str, str]]) -> int:
        sent = 0
        for phone, body in messages:
            _gateway_pause()
            try:
                await self.sms.send(normalise_phone(phone), body)
                sent += 1
            except SmsError as exc:
                log.warning("reminder to %s failed: %s", mask_phone(phone), exc)
        return sent
