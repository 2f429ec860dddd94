"""Prints labels; a busy printer leaves the label pending with a later attempt time."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from .gateways import PrinterBusy, Spooler


async def print_pending(store, spooler: Spooler) -> None:
    for label in await store.pending_labels():
        try:
            await spooler.print_label(label.id, label.zpl)
        except PrinterBusy:
            label.status = "pending"
            label.next_attempt_at = datetime.now(timezone.utc) + timedelta(minutes=2 ** label.attempts)
            label.attempts += 1
            continue
        label.status = "printed"
    await store.flush()


async def label_loop(store, spooler: Spooler) -> None:
    while True:
        await print_pending(store, spooler)
        await asyncio.sleep(10)


async def print_urgent(store, spooler: Spooler) -> None:
    """Look-alike: a busy printer fails the job but asks the store to requeue it while attempts remain."""
    for label in await store.urgent_labels():
        try:
            await spooler.print_label(label.id, label.zpl)
        except PrinterBusy as exc:
            await store.fail(label.id, str(exc), requeue=label.attempts < 5)
            continue
        await store.done(label.id)


async def urgent_loop(store, spooler: Spooler) -> None:
    while True:
        await print_urgent(store, spooler)
        await asyncio.sleep(5)
