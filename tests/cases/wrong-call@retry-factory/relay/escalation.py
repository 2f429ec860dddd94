"""Escalates tickets that breached their SLA."""
from __future__ import annotations

from relay.mail import MailRelay


class EscalationWorker:
    def __init__(self, mail: MailRelay) -> None:
        self._mail = mail

    async def notify(self, recipients: list[str], count: int) -> None:
        await self._mail.send(recipients, f"{count} breached", "<p>see queue</p>", category="sla", priority="high")  # expect: wrong-call

    async def notify_ok(self, recipients: list[str], count: int) -> None:
        await self._mail.send(recipients, f"{count} breached", "<p>see queue</p>", category="sla")

    async def raw(self, recipients: list[str]) -> None:
        await self._mail.send_raw({"to": recipients}, priority="high")
