"""Settles merchant balances into the ledger."""
from ledger.client import LedgerClient
from ledger.retrying import Transient, with_retries


class Settlement:
    def __init__(self, ledger: LedgerClient, store) -> None:
        self.ledger = ledger
        self.store = store

    async def settle(self, row: dict) -> None:
        try:
            entry = await self.ledger.post_entry(row["account"], row["cents"], f"settle-{row['id']}")  # expect: no-retry
        except Transient:
            await self.store.mark_failed(row["id"])
            return
        await self.store.mark_settled(row["id"], entry)

    async def settle_retrying(self, row: dict) -> None:
        entry = await with_retries(lambda: self.ledger.post_entry(row["account"], row["cents"], f"settle-{row['id']}"))
        await self.store.mark_settled(row["id"], entry)

    async def close(self, period: str) -> None:
        await with_retries(lambda: self.ledger.close_period(period), tries=5)

    async def close_late(self, period: str) -> None:
        await with_retries(lambda: self.ledger.close_period(period))
