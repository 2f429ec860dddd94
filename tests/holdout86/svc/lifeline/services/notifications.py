from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from datetime import datetime
from typing import Any

import httpx

from lifeline.clients.messaging import MessagingClient
from lifeline.db.models import Donor

log = logging.getLogger(__name__)


def reminder_text(first_name: str, starts_at: datetime) -> str:
    return (
        f"Hi {first_name}, a reminder of your donation appointment on "
        f"{starts_at:%a %d %b at %H:%M}. Reply STOP to opt out."
    )


class NotificationService:
    def __init__(self, messaging: MessagingClient) -> None:
        self._messaging = messaging
        self._background: set[asyncio.Task[Any]] = set()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def remind(self, donor: Donor, starts_at: datetime) -> bool:
        if donor.opted_out or not donor.phone:
            return False
        try:
            await self._messaging.send_sms(donor.phone, reminder_text(donor.first_name, starts_at))
        except httpx.HTTPError:
            pass
        return True

    async def urgent_appeal(self, donors: list[Donor], group: str) -> int:
        text = f"Urgent: stocks of {group} are low. Can you donate this week? Book at lifeline.example.org"
        sent = 0
        for donor in donors:
            if donor.phone and not donor.opted_out:
                await self._messaging.send_sms(donor.phone, text, priority="high")
                sent += 1
        return sent

    def thank_you(self, donor: Donor) -> None:
        if donor.email:
            self._spawn(self._messaging.send_email(donor.email, "Thank you", "<p>Your donation is on its way.</p>"))

    async def drain(self) -> None:
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
