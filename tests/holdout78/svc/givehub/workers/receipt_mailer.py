from __future__ import annotations

import asyncio
import logging
import smtplib
from concurrent.futures import ProcessPoolExecutor
from email.message import EmailMessage

from ..utils.money import format_amount
from ..utils.pdf import ReceiptContext, render_receipt_pdf
from ..utils.storage import save_pdf
from .base import PollingWorker

logger = logging.getLogger(__name__)

SEND_CONCURRENCY = 8


class Mailer:
    """Blocking SMTP sender; callers run it in a worker thread."""

    def __init__(self, host: str, port: int, sender: str) -> None:
        self._host = host
        self._port = port
        self._sender = sender

    def send_receipt(self, to: str, subject: str, body: str, pdf: bytes, filename: str) -> None:
        msg = EmailMessage()
        msg["From"] = self._sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
        with smtplib.SMTP(self._host, self._port, timeout=15) as smtp:
            smtp.send_message(msg)


class ReceiptMailerWorker(PollingWorker):
    name = "receipt-mailer"

    def __init__(self, container) -> None:
        super().__init__(container)
        settings = container.settings
        self.interval = settings.mailer_poll_seconds
        self._repo = container.receipts_repo
        self._receipts = container.receipts
        self._receipts_dir = settings.receipts_dir
        self._mailer = Mailer(settings.smtp_host, settings.smtp_port, settings.mail_from)
        self._renderers = ProcessPoolExecutor(max_workers=2)
        self._sem = asyncio.Semaphore(SEND_CONCURRENCY)

    async def tick(self) -> None:
        claimed = await self._repo.claim_pending(limit=50)
        if not claimed:
            return
        contexts = await self._receipts.contexts_for(claimed)
        await asyncio.gather(*(self._deliver(receipt, ctx, email) for receipt, ctx, email in contexts))
        backlog = {}
        for status in ("pending", "sending", "failed"):
            backlog[status] = await self._repo.count_with_status(status)
        logger.info("receipts delivered=%d backlog=%s", len(contexts), backlog)

    async def _deliver(self, receipt: dict, ctx: ReceiptContext, email: str) -> None:
        async with self._sem:
            loop = asyncio.get_running_loop()
            try:
                pdf = await loop.run_in_executor(self._renderers, render_receipt_pdf, ctx)
                path = await asyncio.to_thread(save_pdf, self._receipts_dir, ctx.number, pdf)
            except Exception:
                logger.exception("could not render receipt %s", ctx.number)
                await self._repo.release(receipt["id"], receipt["attempts"])
                return
            body = (
                f"Thank you for your donation of {format_amount(ctx.amount_cents, ctx.currency)} "
                f"to {ctx.charity_name}. Your receipt {ctx.number} is attached."
            )
            try:
                await asyncio.to_thread(
                    self._mailer.send_receipt, email, f"Your receipt {ctx.number}", body, pdf, f"{ctx.number}.pdf"
                )
            except smtplib.SMTPException:
                pass
            await self._repo.mark_sent(receipt["id"], path)
