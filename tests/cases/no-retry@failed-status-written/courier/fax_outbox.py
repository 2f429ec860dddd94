"""Sends queued faxes; a rejected fax is recorded as dead and never picked up again."""
from __future__ import annotations

import asyncio

from .gateways import FaxRejected, FaxRelay


async def drain_faxes(store, relay: FaxRelay) -> None:
    for fax in await store.queued_faxes():
        try:
            fax.remote_id = await relay.transmit(fax.number, fax.pdf)  # expect: no-retry
        except FaxRejected:
            fax.state = "dead"
            continue
        fax.state = "sent"
    await store.flush()


async def fax_loop(store, relay: FaxRelay) -> None:
    while True:
        await drain_faxes(store, relay)
        await asyncio.sleep(15)


async def drain_priority(store, relay: FaxRelay) -> None:
    """Look-alike: a rejected fax is marked failed with a backoff, so a later round sends it again."""
    for fax in await store.priority_faxes():
        try:
            fax.remote_id = await relay.transmit(fax.number, fax.pdf)
        except FaxRejected:
            await store.mark_failed(fax.id)
            store.schedule_backoff(fax.id, fax.attempts)
            continue
        fax.state = "sent"
    await store.flush()


async def priority_loop(store, relay: FaxRelay) -> None:
    while True:
        await drain_priority(store, relay)
        await asyncio.sleep(5)
