from __future__ import annotations

from fieldops.clients.messaging import EmailClient, SmsClient
from fieldops.repositories.outbox import OutboxRepository


class NotificationService:
    def __init__(self, sms: SmsClient, email: EmailClient, outbox: OutboxRepository) -> None:
        self._sms = sms
        self._email = email
        self._outbox = outbox

    async def send_sms(self, phone: str, body: str) -> str:
        return self._sms.send(phone, body)

    async def queue_sms(self, phone: str, body: str) -> int:
        return await self._outbox.enqueue("sms", phone, body)

    async def queue_email(self, to: str, subject: str, body: str) -> int:
        return await self._outbox.enqueue("email", to, body, subject=subject)

    async def customer_eta(self, phone: str | None, technician_name: str, minutes: float) -> None:
        if not phone:
            return
        await self.queue_sms(phone, f"{technician_name} is on the way and should arrive in about {round(minutes)} minutes.")

    async def invoice_ready(self, email: str, number: int, amount: str, pay_url: str, pdf_b64: str) -> str:
        html = f"<p>Invoice #{number} for {amount} is ready.</p><p><a href=\"{pay_url}\">Pay online</a></p>"
        return await self._email.send(
            email,
            f"Invoice #{number}",
            html,
            attachments=[{"filename": f"invoice-{number}.pdf", "content": pdf_b64}],
        )
