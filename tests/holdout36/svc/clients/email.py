from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from pathlib import Path

from svc.config import settings

logger = logging.getLogger(__name__)


class Mailer:
    def __init__(self, host: str | None = None, port: int | None = None) -> None:
        self.host = host or settings.smtp_host
        self.port = port or settings.smtp_port

    def _message(self, to: str, subject: str, html: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = settings.mail_from
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content("This message requires an HTML-capable mail client.")
        msg.add_alternative(html, subtype="html")
        return msg

    def _deliver(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
            smtp.send_message(msg)

    async def send_confirmation(self, to: str, subject: str, html: str) -> None:
        msg = self._message(to, subject, html)
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
            smtp.send_message(msg)
        logger.info("confirmation mail sent to %s", to)

    async def send_invoice(self, to: str, invoice_number: int, pdf_path: str) -> None:
        data = await asyncio.to_thread(Path(pdf_path).read_bytes)
        msg = self._message(to, f"Invoice {invoice_number}", f"<p>Please find invoice {invoice_number} attached.</p>")
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=f"invoice-{invoice_number}.pdf")
        await asyncio.get_running_loop().run_in_executor(None, self._deliver, msg)
