"""Background jobs: issue the invoices that are due."""
from __future__ import annotations

import asyncio
import logging

from . import store

log = logging.getLogger(__name__)


async def invoice_loop() -> None:
    while True:
        await issue_due_invoices()
        await reissue_failed()
        await asyncio.sleep(3600)


async def issue_due_invoices() -> int:
    issued = 0
    for account_id in await store.due_accounts():
        try:
            await store.issue_invoice(account_id)
            issued += 1
        except Exception:  # expect: logging-gap
            continue
    return issued


async def reissue_failed() -> int:
    """The same loop with a trace of every skipped account: silent for logging-gap."""
    failed = 0
    for account_id in await store.due_accounts():
        try:
            await store.issue_invoice(account_id)
        except Exception:
            log.exception("invoice for account %s failed, skipping", account_id)
            failed += 1
            continue
    return failed
