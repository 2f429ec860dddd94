from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from ..clients.directory import Employee
from ..clients.messaging import EmailClient, SmsClient
from ..utils.resilience import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)


def _when(visitor: Mapping[str, Any]) -> str:
    return visitor["expected_at"].strftime("%a %d %b, %H:%M")


class NotificationService:
    def __init__(self, sms: SmsClient, email: EmailClient) -> None:
        self._sms = sms
        self._email = email
        self._sms_breaker = CircuitBreaker("sms", failure_threshold=5, reset_after=60.0)

    async def visitor_registered(self, visitor: Mapping[str, Any], host: Employee) -> None:
        subject = f"Visitor registered: {visitor['full_name']}"
        html = (
            f"<p>{visitor['full_name']} ({visitor.get('company') or 'no company'}) is expected "
            f"on {_when(visitor)}.</p>"
        )
        await self._email.send(host.email, subject, html)
        if host.mobile:
            await self._send_sms(host.mobile, f"{visitor['full_name']} is registered to visit you {_when(visitor)}.")

    async def visitor_arrived(self, visitor: Mapping[str, Any], host_email: str, host_mobile: str | None = None) -> None:
        await self._email.send(host_email, f"{visitor['full_name']} has arrived", "<p>Your visitor is at reception.</p>")
        if host_mobile:
            await self._send_sms(host_mobile, f"{visitor['full_name']} is waiting at reception.")

    async def _send_sms(self, to: str, text: str) -> None:
        try:
            await self._sms_breaker.call(lambda: self._sms.send(to, text))
        except CircuitOpen:
            log.warning("sms circuit open, host %s notified by email only", to)
