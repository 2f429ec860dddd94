from __future__ import annotations

import hmac
import time

from telco.services.notifications import NotificationService
from telco.utils.crypto import new_otp

OTP_TTL_S = 300


class OtpService:
    """One-time codes for self-care app login."""

    def __init__(self, notifications: NotificationService) -> None:
        self._notifications = notifications
        self._codes: dict[str, tuple[str, float]] = {}

    async def issue(self, msisdn: str) -> None:
        code = new_otp()
        self._codes[msisdn] = (code, time.monotonic() + OTP_TTL_S)
        await self._notifications.otp(msisdn, code)

    def verify(self, msisdn: str, code: str) -> bool:
        entry = self._codes.pop(msisdn, None)
        if entry is None:
            return False
        expected, expires = entry
        return time.monotonic() < expires and hmac.compare_digest(expected, code)
