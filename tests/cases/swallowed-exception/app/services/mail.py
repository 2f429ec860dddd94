"""Sending receipts by mail."""
from __future__ import annotations

import asyncio
import logging
import smtplib

logger = logging.getLogger(__name__)


async def send_receipt(send, repo, receipt_id: int, message) -> None:
    try:
        await asyncio.to_thread(send, message)
    except smtplib.SMTPException:  # expect: swallowed-exception
        pass
    await repo.mark_sent(receipt_id)


async def send_receipt_logged(send, repo, receipt_id: int, message) -> None:
    try:
        await asyncio.to_thread(send, message)
    except smtplib.SMTPException:
        # look-alike: the failure is logged and the receipt left for the next run
        logger.warning("receipt %s not sent", receipt_id, exc_info=True)
        return
    await repo.mark_sent(receipt_id)
