"""Mails issued invoices; an invoice whose mail fails is parked in the dead-letter table."""
from __future__ import annotations

import asyncio

import aiohttp

from .clients import Mailer


async def mail_invoices(repo, mailer: Mailer) -> None:
    invoices = await repo.unsent()
    for invoice in invoices:
        try:
            await mailer.send_invoice(invoice.id, invoice.email)  # expect: no-retry
        except aiohttp.ClientError:
            await repo.move_to_dead_letters(invoice.id)
            continue
        await repo.mark_sent(invoice.id)


async def invoice_loop(repo, mailer: Mailer) -> None:
    while True:
        await mail_invoices(repo, mailer)
        await asyncio.sleep(60)
