"""The jobs the scheduler runs."""
from __future__ import annotations

import logging

import httpx

from tally.clients import LedgerApi, Publisher, RatesApi

log = logging.getLogger(__name__)


class NightlyTotals:
    def __init__(self, repo, publisher: Publisher) -> None:
        self._repo = repo
        self._publisher = publisher

    async def run(self) -> None:
        body = await self._repo.totals_csv()
        await self._publisher.upload("totals.csv", body)


async def push_entries(repo, ledger: LedgerApi) -> None:
    for entry in await repo.unposted():
        try:
            await ledger.post_entry(entry.id, entry.cents)  # expect: no-retry
        except httpx.HTTPError:
            await repo.mark_failed(entry.id)
        else:
            await repo.mark_posted(entry.id)


async def refresh_rates(repo, rates: RatesApi) -> None:
    await repo.store_rates(await rates.latest())
