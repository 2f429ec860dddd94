"""Nightly payouts to sellers."""
import asyncio
import logging

import httpx

from payouts.errors import ProviderError
from payouts.provider import PayoutProvider

log = logging.getLogger(__name__)


class PayoutWorker:
    def __init__(self, provider: PayoutProvider, balances: dict[str, int]) -> None:
        self._provider = provider
        self._balances = balances

    async def run(self) -> None:
        while True:
            await self.pay_sellers()
            await self.pay_partners()
            await asyncio.sleep(86400)

    async def pay_sellers(self) -> int:
        paid = 0
        for account, cents in sorted(self._balances.items()):
            try:
                await self._provider.transfer(account, cents, reference=f"seller-{account}")
            except (ProviderError, httpx.HTTPError):  # expect: logging-gap
                continue
            paid += 1
        return paid

    async def pay_partners(self) -> int:
        paid = 0
        for account, cents in sorted(self._balances.items()):
            try:
                await self._provider.transfer(account, cents, reference=f"partner-{account}")
            except (ProviderError, httpx.HTTPError) as exc:
                log.warning("payout to %s skipped: %s", account, exc)
                continue
            paid += 1
        return paid
