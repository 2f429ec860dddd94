"""Charges late-cancellation fees and settles refunds in the background."""
import asyncio
import logging

from billing.errors import ProviderError
from billing.provider import ProviderClient

log = logging.getLogger(__name__)


async def charge_fees(provider: ProviderClient, intents: list[str]) -> int:
    charged = 0
    for intent in intents:
        try:
            await provider.capture(intent, 1500)
        except ProviderError:  # expect: logging-gap
            continue
        charged += 1
    return charged


async def settle_refunds(provider: ProviderClient, intents: list[str]) -> int:
    settled = 0
    for intent in intents:
        try:
            await provider.refund(intent)
        except ProviderError:
            log.warning("refund of %s failed; will retry next sweep", intent, exc_info=True)
            continue
        settled += 1
    return settled


async def run_sweeper(provider: ProviderClient, pending) -> None:
    while True:
        try:
            await charge_fees(provider, await pending.fees())
            await settle_refunds(provider, await pending.refunds())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("sweep failed")
        await asyncio.sleep(60)
