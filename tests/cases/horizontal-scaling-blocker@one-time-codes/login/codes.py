"""One-time login codes."""
from __future__ import annotations

import hmac
import secrets
import time

from login.sms import send_sms


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


class CodeService:
    """Codes kept in process memory: the verify request may reach another replica."""

    def __init__(self) -> None:
        self._codes: dict[str, tuple[str, float]] = {}  # expect: horizontal-scaling-blocker

    async def issue(self, phone: str) -> None:
        code = new_code()
        self._codes[phone] = (code, time.monotonic() + 300)
        await send_sms(phone, code)

    def verify(self, phone: str, code: str) -> bool:
        entry = self._codes.pop(phone, None)
        return entry is not None and time.monotonic() < entry[1] and hmac.compare_digest(entry[0], code)


class NicknameBook:
    """A value the client chose, stored and read back: no secret drawn, nothing sent out."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    async def remember(self, phone: str, nickname: str) -> None:
        self._names[phone] = nickname
        await send_sms(phone, nickname)

    def forget(self, phone: str) -> str | None:
        return self._names.pop(phone, None)
